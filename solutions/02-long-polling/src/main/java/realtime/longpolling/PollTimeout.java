package realtime.longpolling;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long the server keeps each poll waiting before it responds with {@code 204}: the base timeout, moved
 * by a random amount of up to {@code jitter} (0.2 means ±20%). Clients that started together,
 * after a deploy for example, then time out at different moments instead of all at once.
 */
public final class PollTimeout {

    private final Duration base;
    private final double jitter;
    private final RandomGenerator random;

    public PollTimeout(Duration base, double jitter, RandomGenerator random) {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("base timeout must be positive, got " + base);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
        this.base = base;
        this.jitter = jitter;
        this.random = random;
    }

    /** Returns the timeout for the next poll, uniformly spread over base × (1 ± jitter). */
    public Duration next() {
        // >>> step 2: spread the timeout uniformly over base × (1 ± jitter)
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofNanos(Math.round(base.toNanos() * factor));
        // <<< step 2
    }
}
