package realtime.longpolling;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a client waits before it polls again after an error: a ceiling that doubles with each
 * error in a row, from {@code first} up to {@code max}, and a random wait between half the ceiling
 * and all of it. The doubling gives a failing server room to recover, and the randomness keeps clients
 * that failed together from all coming back in the same instant. Not thread-safe.
 */
public final class Backoff {

    private final Duration first;
    private final Duration max;
    private final RandomGenerator random;
    private int errorsInARow;

    public Backoff(Duration first, Duration max, RandomGenerator random) {
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("first must be positive, got " + first);
        }
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("max must be at least first (" + first + "), got " + max);
        }
        this.first = first;
        this.max = max;
        this.random = random;
    }

    /** Counts one more error in a row and returns how long to wait before the next poll. */
    public Duration nextDelay() {
        throw new UnsupportedOperationException("TODO step 6: double the ceiling with each error up to max, then wait a random half to all of it");
    }

    /** Forgets past errors after a poll that worked. */
    public void reset() {
        errorsInARow = 0;
    }
}
