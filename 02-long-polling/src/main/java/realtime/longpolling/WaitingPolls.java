package realtime.longpolling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The polls the server is holding. Each is a future, not a thread: the publisher completes it
 * with {@code true}, the timeout with {@code false}, and a held poll costs a few objects while it
 * waits. Thread-safe.
 */
public final class WaitingPolls {

    private final int maxWaiting;
    private final Duration retryAfter;
    private final Set<CompletableFuture<Boolean>> waiting = new HashSet<>();

    public WaitingPolls(int maxWaiting, Duration retryAfter) {
        if (maxWaiting < 1) {
            throw new IllegalArgumentException("maxWaiting must be at least 1, got " + maxWaiting);
        }
        this.maxWaiting = maxWaiting;
        this.retryAfter = retryAfter;
    }

    /**
     * Adds a waiting poll and returns its future.
     *
     * @throws TooManyWaitingPollsException when {@code maxWaiting} polls are already waiting
     */
    public synchronized CompletableFuture<Boolean> register() {
        if (waiting.size() >= maxWaiting) {
            throw new UnsupportedOperationException("TODO step 5: turn the poll away when the waiting set is full");
        }
        throw new UnsupportedOperationException("TODO step 3: add a new waiting poll to the set and return it");
    }

    /** Completes every waiting poll with {@code true} and empties the set. */
    public void wakeAll() {
        if (size() == 0) {
            return;
        }
        throw new UnsupportedOperationException("TODO step 3: empty the set and complete every poll that was in it");
    }

    /** Forgets a poll that ended another way: it timed out, or its client left. */
    public synchronized void remove(CompletableFuture<Boolean> poll) {
        waiting.remove(poll);
    }

    public synchronized int size() {
        return waiting.size();
    }
}
