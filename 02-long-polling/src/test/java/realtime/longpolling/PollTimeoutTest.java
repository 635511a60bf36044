package realtime.longpolling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("step-2")
@DisplayName("Step 2: each poll gets a jittered timeout")
class PollTimeoutTest {

    private static final Duration BASE = Duration.ofSeconds(25);

    @Test
    @DisplayName("keeps every timeout within ±20% of the base")
    void staysWithinBounds() {
        List<Duration> timeouts = draw(new PollTimeout(BASE, 0.2, new SplittableRandom(7)), 2_000);

        assertThat(Collections.min(timeouts))
                .as("Step 2: with a 25 s base and 0.2 jitter no timeout may be under 20 s, got %s. See PollTimeout.next.",
                        Collections.min(timeouts))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(Collections.max(timeouts))
                .as("Step 2: with a 25 s base and 0.2 jitter no timeout may be over 30 s, got %s. See PollTimeout.next.",
                        Collections.max(timeouts))
                .isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("spreads timeouts over the whole range")
    void spreadsOverTheRange() {
        List<Duration> timeouts = draw(new PollTimeout(BASE, 0.2, new SplittableRandom(11)), 2_000);

        long below = timeouts.stream().filter(t -> t.compareTo(BASE) < 0).count();
        assertThat(Collections.min(timeouts))
                .as("Step 2: 2,000 timeouts must reach near the bottom of 20..30 s, lowest was %s. "
                        + "Are all polls given the same timeout? See PollTimeout.next.", Collections.min(timeouts))
                .isLessThan(Duration.ofSeconds(21));
        assertThat(Collections.max(timeouts))
                .as("Step 2: 2,000 timeouts must reach near the top of 20..30 s, highest was %s. See PollTimeout.next.",
                        Collections.max(timeouts))
                .isGreaterThan(Duration.ofSeconds(29));
        assertThat(below)
                .as("Step 2: about half the timeouts must be below the base, got %d of 2,000. "
                        + "Jitter moves the timeout both ways. See PollTimeout.next.", below)
                .isBetween(800L, 1_200L);
    }

    @Test
    @DisplayName("returns the base timeout when jitter is 0")
    void noJitterMeansBase() {
        List<Duration> timeouts = draw(new PollTimeout(BASE, 0, new SplittableRandom(3)), 10);

        assertThat(timeouts)
                .as("Step 2: jitter 0 must always give the base 25 s, got %s. See PollTimeout.next.", timeouts)
                .containsOnly(BASE);
    }

    private static List<Duration> draw(PollTimeout timeout, int count) {
        List<Duration> timeouts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            timeouts.add(timeout.next());
        }
        return timeouts;
    }
}
