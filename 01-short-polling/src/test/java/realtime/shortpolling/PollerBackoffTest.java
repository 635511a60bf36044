package realtime.shortpolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static realtime.shortpolling.Pollers.changes;
import static realtime.shortpolling.Pollers.price;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.ScriptedHttpServer;
import realtime.testkit.ScriptedHttpServer.RecordedRequest;

@Tag("step-6")
@DisplayName("Step 6 — Back off when the server asks or fails")
class PollerBackoffTest {

    private static final Duration INTERVAL = Duration.ofMillis(20);

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("waits as long as Retry-After says after a 429")
    void honoursRetryAfter() {
        ScriptedHttpServer server = cleanup.add(ScriptedHttpServer.start());
        server.enqueue(429, "{\"error\":\"too_many_requests\"}", "Retry-After", "1")
                .otherwise(304, "", "ETag", "\"0\"");
        PricePoller poller = cleanup.add(Pollers.polling(server.uri("/prices"), INTERVAL, Pollers.received())).start();

        await().failFast(() -> Pollers.failOnTodo(poller)).until(() -> server.requests().size() >= 2);
        List<RecordedRequest> requests = server.requests();
        Duration gap = Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).receivedNanos());

        assertThat(gap)
                .as("Step 6: after 429 with Retry-After: 1, the next poll must wait about a second, not the %d ms interval; "
                        + "it came after %d ms. See PricePoller.delayAfterRejection.", INTERVAL.toMillis(), gap.toMillis())
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    @DisplayName("backs off exponentially after 503 without Retry-After")
    void backsOffAfterServerErrors() {
        ScriptedHttpServer server = cleanup.add(ScriptedHttpServer.start());
        for (int i = 0; i < 4; i++) {
            server.enqueue(503, "{\"error\":\"unavailable\"}");
        }
        server.enqueue(200, changes(1, 0, price("ACME", "10.0", 1)), "ETag", "\"1\"")
                .otherwise(304, "", "ETag", "\"1\"");
        List<Price> received = Pollers.received();
        PricePoller poller = cleanup.add(Pollers.polling(server.uri("/prices"), INTERVAL, received)).start();

        await().failFast(() -> Pollers.failOnTodo(poller)).until(() -> received.size() == 1);
        List<RecordedRequest> requests = server.requests();
        Duration fourthWait = Duration.ofNanos(requests.get(4).receivedNanos() - requests.get(3).receivedNanos());

        // Backoff base 50 ms: the fourth failure waits at least half of 50 * 2^3 = 400 ms, capped at 400 ms.
        assertThat(fourthWait)
                .as("Step 6: after four 503s in a row the poller must wait at least 200 ms (half the 400 ms cap), "
                        + "not the %d ms interval; it waited %d ms. See PricePoller.delayAfterRejection and Backoff.nextDelay.",
                        INTERVAL.toMillis(), fourthWait.toMillis())
                .isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    @DisplayName("backoff doubles, stays within the cap, and varies")
    void backoffDoublesWithJitter() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000), RandomGenerator.of("L64X128MixRandom"));
        long[] ceilings = {100, 200, 400, 800, 1_000, 1_000, 1_000, 1_000};

        for (int attempt = 0; attempt < ceilings.length; attempt++) {
            long delay = backoff.nextDelay().toMillis();
            assertThat(delay)
                    .as("Step 6: failure %d must wait between %d and %d ms, got %d. See Backoff.nextDelay.",
                            attempt + 1, ceilings[attempt] / 2, ceilings[attempt], delay)
                    .isBetween(ceilings[attempt] / 2, ceilings[attempt]);
        }

        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToLong(i -> backoff.nextDelay().toMillis())
                .distinct()
                .count();
        assertThat(distinct).as("Step 6: delays at the cap must vary (jitter), got %d distinct values in 50", distinct)
                .isGreaterThan(5);

        backoff.reset();
        assertThat(backoff.nextDelay().toMillis()).as("Step 6: after reset() the first delay is small again").isBetween(50L, 100L);
    }

    @Test
    @DisplayName("stops cleanly: no request and no thread after close")
    void closeStopsEverything() {
        ScriptedHttpServer server = cleanup.add(ScriptedHttpServer.start());
        server.otherwise(304, "", "ETag", "\"0\"");
        PricePoller poller = Pollers.polling(server.uri("/prices"), INTERVAL, Pollers.received()).start();
        await().failFast(() -> Pollers.failOnTodo(poller)).until(() -> server.requests().size() >= 3);

        poller.close();
        int afterClose = server.requests().size();

        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> server.requests().size() == afterClose);
        assertThat(Thread.getAllStackTraces().keySet())
                .as("Step 6: after close() no price-poller thread may be left running")
                .noneMatch(thread -> thread.getName().startsWith("price-poller") && thread.isAlive());
    }
}
