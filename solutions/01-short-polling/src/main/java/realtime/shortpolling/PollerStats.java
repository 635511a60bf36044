package realtime.shortpolling;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a short-polling client spent and got: requests sent, how many brought at least one change,
 * and the changes delivered. The waste ratio is the share of requests that brought nothing.
 */
public final class PollerStats {

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong fruitfulRequests = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();

    void countRequest() {
        requests.incrementAndGet();
    }

    void countChanges(int delivered) {
        if (delivered > 0) {
            fruitfulRequests.incrementAndGet();
            changes.addAndGet(delivered);
        }
    }

    public long requests() {
        return requests.get();
    }

    public long changes() {
        return changes.get();
    }

    /** The share of requests, from 0 to 1, that delivered no change. */
    public double wasteRatio() {
        long sent = requests.get();
        return sent == 0 ? 0 : (double) (sent - fruitfulRequests.get()) / sent;
    }

    @Override
    public String toString() {
        return String.format("%d requests, %d changes, %.0f%% of requests brought nothing",
                requests(), changes(), wasteRatio() * 100);
    }
}
