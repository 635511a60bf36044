package realtime.shortpolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static realtime.shortpolling.Pollers.changes;
import static realtime.shortpolling.Pollers.price;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.ScriptedHttpServer;
import realtime.testkit.ScriptedHttpServer.RecordedRequest;

@Tag("step-5")
@DisplayName("Step 5 — Poll from Java and deliver each change once")
class PricePollerTest {

    private static final Duration INTERVAL = Duration.ofMillis(20);

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("delivers every change once, in version order")
    void deliversChangesInOrder() {
        ScriptedHttpServer server = cleanup.add(ScriptedHttpServer.start());
        server.enqueue(200, changes(2, 0, price("ACME", "10.0", 1), price("GLOBEX", "20.0", 2)), "ETag", "\"2\"")
                .enqueue(304, "", "ETag", "\"2\"")
                .enqueue(200, changes(4, 2, price("INITECH", "30.0", 3), price("ACME", "10.5", 4)), "ETag", "\"4\"")
                .otherwise(304, "", "ETag", "\"4\"");
        List<Price> received = Pollers.received();

        PricePoller poller = cleanup.add(Pollers.polling(server.uri("/prices"), INTERVAL, received)).start();

        await().failFast(() -> Pollers.failOnTodo(poller)).until(() -> received.size() >= 4);
        assertThat(received).extracting(Price::version)
                .as("Step 5: the listener must get versions 1, 2, 3, 4, each once and in order. See PricePoller.deliver.")
                .containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    @DisplayName("asks for changes since the last version, with If-None-Match")
    void sendsSinceAndIfNoneMatch() {
        ScriptedHttpServer server = cleanup.add(ScriptedHttpServer.start());
        server.enqueue(200, changes(7, 0, price("ACME", "10.0", 7)), "ETag", "\"7\"")
                .otherwise(304, "", "ETag", "\"7\"");
        PricePoller poller = cleanup.add(Pollers.polling(server.uri("/prices"), INTERVAL, Pollers.received())).start();

        await().failFast(() -> Pollers.failOnTodo(poller)).until(() -> server.requests().size() >= 3);
        RecordedRequest first = server.requests().get(0);
        RecordedRequest third = server.requests().get(2);

        assertThat(first.uri().getQuery()).as("Step 5: the first poll asks since=0. See PricePoller.nextRequest.").isEqualTo("since=0");
        assertThat(first.header("If-None-Match")).as("Step 5: the first poll has no ETag to send").isNull();
        assertThat(third.uri().getQuery())
                .as("Step 5: after an answer at version 7, polls must ask since=7")
                .isEqualTo("since=7");
        assertThat(third.header("If-None-Match"))
                .as("Step 5: after an answer with ETag \"7\", polls must send If-None-Match: \"7\"")
                .isEqualTo("\"7\"");
        assertThat(first.header("X-Client-Id"))
                .as("Step 5: every poll must send the poller's clientId in X-Client-Id")
                .isNotBlank()
                .isEqualTo(third.header("X-Client-Id"));
    }

    @Test
    @DisplayName("a change that comes back twice is delivered once")
    void repeatedAnswerIsDeliveredOnce() {
        ScriptedHttpServer server = cleanup.add(ScriptedHttpServer.start());
        String stale = changes(3, 0, price("ACME", "10.0", 2), price("GLOBEX", "20.0", 3));
        // A cache or a server that ignores since may send the same changes again.
        server.enqueue(200, stale, "ETag", "\"3\"")
                .enqueue(200, stale, "ETag", "\"3\"")
                .enqueue(200, changes(4, 3, price("ACME", "10.1", 4)), "ETag", "\"4\"")
                .otherwise(304, "", "ETag", "\"4\"");
        List<Price> received = Pollers.received();
        PricePoller poller = cleanup.add(Pollers.polling(server.uri("/prices"), INTERVAL, received)).start();

        await().failFast(() -> Pollers.failOnTodo(poller)).until(() -> server.requests().size() >= 5);

        assertThat(received).extracting(Price::version)
                .as("Step 5: a repeated answer must not deliver versions 2 and 3 again; compare with the last version delivered")
                .containsExactly(2L, 3L, 4L);
    }

    @Test
    @DisplayName("counts requests and changes for the waste ratio")
    void countsWaste() {
        ScriptedHttpServer server = cleanup.add(ScriptedHttpServer.start());
        server.enqueue(200, changes(1, 0, price("ACME", "10.0", 1)), "ETag", "\"1\"")
                .enqueue(304, "", "ETag", "\"1\"")
                .enqueue(304, "", "ETag", "\"1\"")
                .enqueue(304, "", "ETag", "\"1\"")
                .otherwise(304, "", "ETag", "\"1\"");
        PricePoller poller = cleanup.add(Pollers.polling(server.uri("/prices"), INTERVAL, Pollers.received())).start();

        await().failFast(() -> Pollers.failOnTodo(poller)).until(() -> poller.stats().requests() >= 4);
        poller.close();

        PollerStats stats = poller.stats();
        assertThat(stats.changes()).as("Step 5: one change was delivered").isEqualTo(1);
        assertThat(stats.wasteRatio())
                .as("Step 5: all requests but the first brought nothing: %s", stats)
                .isEqualTo((double) (stats.requests() - 1) / stats.requests());
    }

    @Test
    @DisplayName("follows a real price board to its latest prices")
    void followsRealBoard() {
        PriceBoard board = new PriceBoard();
        PriceServer server = cleanup.add(PriceServer.start(board, PollRateLimiter.unlimited(), 0));
        List<Price> received = Pollers.received();
        PricePoller poller = cleanup.add(Pollers.polling(server.uri("/prices"), Duration.ofMillis(5), received)).start();

        for (int i = 1; i <= 200; i++) {
            board.update("S" + (i % 7), BigDecimal.valueOf(i));
        }

        await().failFast(() -> Pollers.failOnTodo(poller)).until(() -> poller.lastVersion() == 200);
        Map<String, BigDecimal> latest = new TreeMap<>();
        received.forEach(price -> latest.put(price.symbol(), price.price()));
        Map<String, BigDecimal> expected = new TreeMap<>();
        board.snapshot().prices().forEach(price -> expected.put(price.symbol(), price.price()));
        assertThat(latest).as("Step 5: after following the board, the client holds the board's latest prices").isEqualTo(expected);
        assertThat(received).extracting(Price::version)
                .as("Step 5: versions delivered must strictly increase")
                .isSorted()
                .doesNotHaveDuplicates();
    }
}
