package realtime.shortpolling;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits at most one poll per client per interval. A client that polls sooner gets the time it
 * must wait, which the server sends as {@code Retry-After}.
 *
 * <p>Memory is bounded: once more than {@code maxClients} clients are tracked, clients whose last
 * poll is older than the interval are forgotten, because they would be admitted anyway.
 */
public final class PollRateLimiter {

    private final long intervalNanos;
    private final int maxClients;
    private final Map<String, Long> lastAdmitted = new ConcurrentHashMap<>();

    public PollRateLimiter(Duration minInterval, int maxClients) {
        if (minInterval.isNegative()) {
            throw new IllegalArgumentException("minInterval must not be negative, got " + minInterval);
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("maxClients must be at least 1, got " + maxClients);
        }
        this.intervalNanos = minInterval.toNanos();
        this.maxClients = maxClients;
    }

    /** A limiter that admits every poll. */
    public static PollRateLimiter unlimited() {
        return new PollRateLimiter(Duration.ZERO, 1);
    }

    /**
     * Records a poll by {@code clientId} at {@code nowNanos} (from {@link System#nanoTime()}) and
     * returns how long the client must wait before polling again: {@link Duration#ZERO} when the
     * poll is admitted. A rejected poll does not restart the client's interval.
     */
    public Duration check(String clientId, long nowNanos) {
        if (intervalNanos == 0) {
            return Duration.ZERO;
        }
        // >>> step 4: admit the poll if the client's last admitted poll is an interval old, else return the wait
        long[] wait = new long[1];
        lastAdmitted.compute(clientId, (id, last) -> {
            if (last == null || nowNanos - last >= intervalNanos) {
                return nowNanos;
            }
            wait[0] = intervalNanos - (nowNanos - last);
            return last;
        });
        if (lastAdmitted.size() > maxClients) {
            forgetIdleClients(nowNanos);
        }
        return Duration.ofNanos(wait[0]);
        // <<< step 4
    }

    /** How many clients the limiter remembers right now. */
    public int trackedClients() {
        return lastAdmitted.size();
    }

    // >>> solution only
    private void forgetIdleClients(long nowNanos) {
        for (Iterator<Long> last = lastAdmitted.values().iterator(); last.hasNext(); ) {
            if (nowNanos - last.next() >= intervalNanos) {
                last.remove();
            }
        }
    }
    // <<< solution only
}
