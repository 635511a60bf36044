package realtime.longpolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static realtime.longpolling.LongPolls.longWaits;
import static realtime.longpolling.LongPolls.messagesUri;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;

@Tag("step-6")
@DisplayName("Step 6: the client polls in a loop, backs off after errors and stops cleanly")
class FeedClientTest {

    private static final Duration CLIENT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("receives 1,000 messages exactly once and in order")
    void receivesEveryMessageOnce() throws InterruptedException {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        List<Message> received = new CopyOnWriteArrayList<>();
        FeedClient client = start(messagesUri(server), received::add);
        int total = 1_000;

        Thread publisher = new Thread(() -> {
            for (int i = 1; i <= total; i++) {
                server.feed().publish("m" + i);
                if (i % 50 == 0) {
                    Thread.yield();
                }
            }
        }, "publisher");
        publisher.start();
        publisher.join();

        awaitClient(client).untilAsserted(() -> assertThat(received)
                .as("Step 6: the client must receive all 1,000 messages; it has %d. See FeedClient.pollOnce.", received.size())
                .hasSizeGreaterThanOrEqualTo(total));
        List<Long> seqs = received.stream().map(Message::seq).toList();
        assertThat(seqs)
                .as("Step 6: seq 1..1000 once each, in order; a repeat or a gap means the cursor was not the last seq received. "
                        + "See FeedClient.pollOnce.")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(client.cursor()).as("Step 6: the client's cursor after the last message").isEqualTo(total);
    }

    @Test
    @DisplayName("polls again at once after a timeout")
    void pollsAgainAfterTimeout() {
        MessageServer server = LongPolls.start(cleanup, FeedSettings.defaults().withPollTimeout(Duration.ofMillis(500)));
        List<Message> received = new CopyOnWriteArrayList<>();
        FeedClient client = start(messagesUri(server), received::add);
        // Let at least one poll end with 204 before anything is published.
        awaitClient(client).until(() -> server.feed().waitingPolls() == 1);
        awaitClient(client).pollDelay(Duration.ofMillis(700)).until(() -> server.feed().waitingPolls() == 1);

        server.feed().publish("after a quiet spell");

        awaitClient(client).untilAsserted(() -> assertThat(received)
                .as("Step 6: after a poll ended with 204 the client must poll again and get the next message. "
                        + "See FeedClient.pollOnce.")
                .extracting(Message::text)
                .containsExactly("after a quiet spell"));
    }

    @Test
    @DisplayName("backs off after errors instead of hammering the server")
    void backsOffAfterErrors() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        URI failing = startFailingServer(500, null, requests);
        FeedClient client = start(failing, message -> { });

        awaitClient(client).pollDelay(Duration.ofMillis(1_500)).until(() -> true);
        int count = requests.get();

        assertThat(count)
                .as("Step 6: against a server that answers 500, a client that backs off from 100 ms and doubles "
                        + "sends about 4 polls in 1.5 s; it sent %d. See FeedClient.pollOnce and Backoff.nextDelay.", count)
                .isBetween(2, 8);
    }

    @Test
    @DisplayName("waits at least the Retry-After of a 503")
    void honoursRetryAfter() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        URI busy = startFailingServer(503, "2", requests);
        FeedClient client = start(busy, message -> { });

        awaitClient(client).until(() -> requests.get() >= 1);
        awaitClient(client).pollDelay(Duration.ofMillis(1_500)).until(() -> true);

        assertThat(requests.get())
                .as("Step 6: after a 503 with Retry-After: 2 the client must wait 2 s before polling again; "
                        + "it polled %d times in 1.5 s. See FeedClient.pollOnce.", requests.get())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("stops at once, with a poll waiting, and polls no more")
    void stopsCleanly() throws InterruptedException {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        List<Message> received = new CopyOnWriteArrayList<>();
        FeedClient client = start(messagesUri(server), received::add);
        awaitClient(client).until(() -> server.feed().waitingPolls() == 1);

        long start = System.nanoTime();
        client.close();
        Duration stopping = Duration.ofNanos(System.nanoTime() - start);

        assertThat(stopping)
                .as("Step 6: close() must cancel the waiting poll and return promptly, it took %d ms. "
                        + "See FeedClient.close.", stopping.toMillis())
                .isLessThan(Duration.ofSeconds(2));
        // Cancelling the request closes its connection, and the server notices the disconnect.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(server.feed().waitingPolls())
                .as("Step 6: a closed client must leave no poll waiting on the server. See FeedClient.close.")
                .isZero());
        server.feed().publish("after close");
        await().pollDelay(Duration.ofMillis(300)).untilAsserted(() -> assertThat(received)
                .as("Step 6: a closed client must not hand on messages published after close()")
                .isEmpty());
    }

    @Test
    @DisplayName("backoff doubles up to the cap, with jitter")
    void backoffDoublesWithJitter() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new SplittableRandom(5));
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            delays.add(backoff.nextDelay().toMillis());
        }
        long[][] bounds = {{50, 100}, {100, 200}, {200, 400}, {400, 800}, {800, 1600}, {1000, 2000}, {1000, 2000}, {1000, 2000}};

        for (int i = 0; i < bounds.length; i++) {
            assertThat(delays.get(i))
                    .as("Step 6: error %d in a row must wait between %d and %d ms (half to all of min(2 s, 100 ms × 2^%d)); "
                            + "delays were %s. See Backoff.nextDelay.", i + 1, bounds[i][0], bounds[i][1], i, delays)
                    .isBetween(bounds[i][0], bounds[i][1]);
        }
        backoff.reset();
        assertThat(backoff.nextDelay().toMillis())
                .as("Step 6: after reset() the next delay starts again at 50..100 ms. See Backoff.reset.")
                .isBetween(50L, 100L);
    }

    @Test
    @DisplayName("backoff spreads clients that failed together")
    void backoffIsJittered() {
        List<Long> firstDelays = new ArrayList<>();
        SplittableRandom seeds = new SplittableRandom(9);
        for (int client = 0; client < 50; client++) {
            Backoff backoff = new Backoff(Duration.ofMillis(1000), Duration.ofSeconds(8), seeds.split());
            backoff.nextDelay();
            firstDelays.add(backoff.nextDelay().toMillis());
        }

        assertThat(firstDelays.stream().distinct().count())
                .as("Step 6: 50 clients on their second error must not all wait the same time; delays were %s. "
                        + "See Backoff.nextDelay.", firstDelays)
                .isGreaterThan(25);
    }

    private FeedClient start(URI messagesUri, java.util.function.Consumer<Message> onMessage) {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), new SplittableRandom());
        FeedClient client = FeedClient.start(messagesUri, 0, CLIENT_REQUEST_TIMEOUT, backoff, onMessage);
        return cleanup.add(client);
    }

    /** An await that ends at once, reporting the error, when the client's loop has stopped. */
    private static ConditionFactory awaitClient(FeedClient client) {
        return await().failFast("Step 6: the client's polling loop stopped", () -> client.failure().ifPresent(failure -> {
            throw new AssertionError("Step 6: the client's polling loop stopped: " + failure, failure);
        }));
    }

    /** A server that answers every request with the given status and counts the requests. */
    private URI startFailingServer(int status, String retryAfter, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/messages", exchange -> {
            requests.incrementAndGet();
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        cleanup.add(() -> server.stop(0));
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/messages");
    }
}
