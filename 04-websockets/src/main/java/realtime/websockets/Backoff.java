package realtime.websockets;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Delays between reconnect attempts: exponential, capped, with jitter. The ceiling doubles after
 * each failed attempt up to {@code max}; the delay is a random point in the upper half of it.
 * Without the jitter, every client that lost the same server would retry at the same instants.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final DoubleSupplier random;

    /** @param random numbers in [0, 1); tests pass fixed ones */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    public static Backoff of(Duration initial, Duration max) {
        return new Backoff(initial, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Returns the delay before attempt {@code attempt}, counting from 0 for the first retry. */
    public Duration delay(int attempt) {
        throw new UnsupportedOperationException("TODO step 7: double the ceiling per attempt up to max, and wait a random time in its upper half");
    }
}
