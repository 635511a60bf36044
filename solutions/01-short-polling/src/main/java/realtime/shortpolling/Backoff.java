package realtime.shortpolling;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Delays between retries after failures: exponential, capped, with jitter.
 *
 * <p>The n-th consecutive failure waits a random time between half and all of
 * {@code min(cap, base * 2^(n-1))}. The doubling gives a struggling server room; the random half
 * spreads clients that failed together so they do not all retry in the same instant; the cap
 * keeps a long outage from pushing retries minutes apart.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;
    private int failures;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base must be positive, got " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("cap must be at least base (" + base + "), got " + cap);
        }
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    /** Counts one more consecutive failure and returns how long to wait before the next try. */
    public Duration nextDelay() {
        // >>> step 6: double the delay with each failure up to the cap, then wait a random half to all of it
        failures++;
        long ceiling = cap.toMillis();
        // Stop doubling once past the cap, so the shift can never overflow.
        long exponential = failures > 30 ? ceiling : Math.min(ceiling, base.toMillis() << (failures - 1));
        long half = exponential / 2;
        return Duration.ofMillis(half + random.nextLong(exponential - half + 1));
        // <<< step 6
    }

    /** Forgets past failures after a success. */
    public void reset() {
        failures = 0;
    }
}
