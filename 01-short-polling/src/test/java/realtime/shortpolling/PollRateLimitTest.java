package realtime.shortpolling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Http;
import realtime.testkit.Json;

@Tag("step-4")
@DisplayName("Step 4 — Limit how often a client may poll")
class PollRateLimitTest {

    private static final long MS = 1_000_000;

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("a second poll within the interval must wait the rest of it")
    void secondPollWithinIntervalWaits() {
        PollRateLimiter limiter = new PollRateLimiter(Duration.ofMillis(1000), 100);

        Duration first = limiter.check("alice", 0);
        Duration second = limiter.check("alice", 300 * MS);

        assertThat(first).as("Step 4: the first poll of a client is admitted (ZERO). See PollRateLimiter.check.").isZero();
        assertThat(second)
                .as("Step 4: a poll 300 ms after an admitted one, with a 1000 ms interval, must wait 700 ms")
                .isEqualTo(Duration.ofMillis(700));
    }

    @Test
    @DisplayName("a poll after the interval is admitted")
    void pollAfterIntervalIsAdmitted() {
        PollRateLimiter limiter = new PollRateLimiter(Duration.ofMillis(1000), 100);

        limiter.check("alice", 0);
        Duration later = limiter.check("alice", 1000 * MS);

        assertThat(later).as("Step 4: a poll exactly one interval later is admitted").isZero();
    }

    @Test
    @DisplayName("a rejected poll does not restart the interval")
    void rejectedPollDoesNotRestartInterval() {
        PollRateLimiter limiter = new PollRateLimiter(Duration.ofMillis(1000), 100);

        limiter.check("alice", 0);
        limiter.check("alice", 900 * MS);
        Duration afterFirstInterval = limiter.check("alice", 1000 * MS);

        assertThat(afterFirstInterval)
                .as("Step 4: rejected polls must not push the next admission back, or a client that retries early is locked out")
                .isZero();
    }

    @Test
    @DisplayName("clients are limited separately")
    void clientsAreLimitedSeparately() {
        PollRateLimiter limiter = new PollRateLimiter(Duration.ofMillis(1000), 100);

        limiter.check("alice", 0);
        Duration bob = limiter.check("bob", 1 * MS);

        assertThat(bob).as("Step 4: bob's first poll is admitted even right after alice's").isZero();
    }

    @Test
    @DisplayName("memory stays bounded with many clients over time")
    void forgetsIdleClients() {
        PollRateLimiter limiter = new PollRateLimiter(Duration.ofMillis(100), 1_000);

        for (int i = 0; i < 20_000; i++) {
            limiter.check("client-" + i, i * MS);
        }

        assertThat(limiter.trackedClients())
                .as("Step 4: 20,000 clients polling 1 ms apart with a 100 ms interval: the limiter must forget idle ones "
                        + "(at most 1,000 + a few tracked), got %s", limiter.trackedClients())
                .isLessThanOrEqualTo(1_100);
    }

    @Test
    @DisplayName("GET /prices too soon gets 429 with Retry-After and a JSON error")
    void serverAnswersTooManyRequests() {
        PriceBoard board = new PriceBoard();
        board.update("ACME", new BigDecimal("10.00"));
        PriceServer server = cleanup.add(PriceServer.start(board, new PollRateLimiter(Duration.ofSeconds(30), 100), 0));

        HttpResponse<String> first = Http.get(server.uri("/prices"), "X-Client-Id", "alice");
        HttpResponse<String> second = Http.get(server.uri("/prices"), "X-Client-Id", "alice");
        HttpResponse<String> other = Http.get(server.uri("/prices"), "X-Client-Id", "bob");

        assertThat(first.statusCode()).as("Step 4: alice's first poll, body %s", first.body()).isEqualTo(200);
        assertThat(second.statusCode())
                .as("Step 4: alice's second poll within 30 s must get 429, got %s %s", second.statusCode(), second.body())
                .isEqualTo(429);
        assertThat(second.headers().firstValue("Retry-After").map(Long::parseLong).orElse(-1L))
                .as("Step 4: Retry-After must be whole seconds, between 1 and 30")
                .isBetween(1L, 30L);
        JsonNode error = Json.parse(second.body());
        assertThat(error.path("error").asText()).as("Step 4: the 429 body, got %s", error).isEqualTo("too_many_requests");
        assertThat(other.statusCode()).as("Step 4: bob is limited separately from alice").isEqualTo(200);
    }
}
