package realtime.websockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Json;

@Tag("step-2")
@DisplayName("Step 2 — Send safely from many threads and drop slow consumers")
class OutboxTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 500;

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("8 threads sending 500 messages each on one connection arrive whole and in per-thread order")
    void concurrentSendsArriveInPerThreadOrder() throws Exception {
        ChatFixture chat = ChatFixture.start(cleanup, ChatFixture.settings().withOutboxLimit(THREADS * PER_THREAD + 100));
        ChatTestClient ann = chat.connect("ann");
        ChatSession session = awaitSession(chat, "ann");

        List<Boolean> results = sendFromThreads(session);

        assertThat(results)
                .as("Step 2: every send to an open connection that keeps up must return true. See Outbox.send.")
                .containsOnly(true);
        await().alias("Step 2: the client must receive all " + THREADS * PER_THREAD + " messages, got " + ann.messages().size())
                .until(() -> ann.messages().size() >= THREADS * PER_THREAD);
        List<JsonNode> received = ann.messages();
        assertThat(received)
                .as("Step 2: every message must arrive whole, as the JSON that was sent; a broken one means frames interleaved. See Outbox.send.")
                .noneMatch(message -> message.path("type").asText().equals("unparseable"))
                .hasSize(THREADS * PER_THREAD);
        for (int thread = 0; thread < THREADS; thread++) {
            int t = thread;
            List<Integer> order = received.stream().filter(message -> message.path("thread").asInt() == t)
                    .map(message -> message.path("n").asInt()).toList();
            assertThat(order)
                    .as("Step 2: thread %s sent 0..%s in order; the client must get them in that order. See Outbox.send.", t, PER_THREAD - 1)
                    .isEqualTo(java.util.stream.IntStream.range(0, PER_THREAD).boxed().toList());
        }
    }

    @Test
    @DisplayName("a consumer that stops reading is closed with 4001 while the others keep receiving")
    void slowConsumerClosedOthersKeepReceiving() throws Exception {
        int limit = 64;
        int messages = 3000;
        ChatFixture chat = ChatFixture.start(cleanup, ChatFixture.settings().withOutboxLimit(limit));
        ChatTestClient ann = chat.connect("ann");
        RawPeer sam = chat.raw("sam", 4096);
        ChatSession annSession = awaitSession(chat, "ann");
        ChatSession samSession = awaitSession(chat, "sam");
        String padding = "x".repeat(1000);

        int annAccepted = 0;
        int samAccepted = 0;
        int samMostUnwritten = 0;
        for (int i = 0; i < messages; i++) {
            String message = Json.mapper().createObjectNode().put("type", "test").put("n", i).put("pad", padding).toString();
            annAccepted += annSession.send(message) ? 1 : 0;
            samAccepted += samSession.send(message) ? 1 : 0;
            samMostUnwritten = Math.max(samMostUnwritten, samSession.connection().unwritten());

            // Send in bursts of half the limit, at the pace of the client that reads: a burst
            // larger than the limit would outrun even a fast client.
            if (i % (limit / 2) == limit / 2 - 1) {
                int sent = i + 1;
                await().alias("Step 2: the client that reads must keep up; it got " + ann.messages().size() + " of " + sent)
                        .until(() -> ann.messages().size() >= sent);
            }
        }

        int finalAnnAccepted = annAccepted;
        await().alias("Step 2: the client that reads must get all " + messages + " messages, got " + ann.messages().size())
                .until(() -> ann.messages().size() >= finalAnnAccepted);
        assertThat(annAccepted)
                .as("Step 2: a client that keeps up must get every message; only the slow one is closed. See Outbox.send.")
                .isEqualTo(messages);
        assertThat(samAccepted)
                .as("Step 2: a client that stopped reading must be cut off after about %s unwritten messages, but %s of %s were queued. See Outbox.send.",
                        limit, samAccepted, messages)
                .isLessThan(messages);
        assertThat(samMostUnwritten)
                .as("Step 2: the slow client's queue must stay within the limit of %s (plus its close frame). See Outbox.send.", limit)
                .isLessThanOrEqualTo(limit + 2);
        assertThat(samSession.send("{\"type\":\"test\"}"))
                .as("Step 2: sending to a closed connection returns false and does not throw")
                .isFalse();

        int[] samTextFrames = {0};
        RawPeer.Frame close = sam.readUntilClose(samTextFrames);
        assertThat(close.closeCode())
                .as("Step 2: the slow client must be closed with 4001 (CloseCodes.SLOW_CONSUMER) and a reason, got %s %s",
                        close.closeCode(), close.closeReason())
                .isEqualTo(CloseCodes.SLOW_CONSUMER);
        assertThat(close.closeReason()).as("Step 2: the close reason says how far behind the client was").contains("behind");
        assertThat(samTextFrames[0]).as("Step 2: the slow client got only what was queued before it was cut off").isEqualTo(samAccepted);
    }

    static ChatSession awaitSession(ChatFixture chat, String user) {
        await().alias("the server must hold a session for " + user + " after its handshake")
                .until(() -> chat.server().sessionsOf(user).size() == 1);
        return chat.server().sessionsOf(user).get(0);
    }

    private static List<Boolean> sendFromThreads(ChatSession session) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            ConcurrentLinkedQueue<Boolean> results = new ConcurrentLinkedQueue<>();
            List<Future<?>> senders = new ArrayList<>();
            for (int thread = 0; thread < THREADS; thread++) {
                int t = thread;
                senders.add(pool.submit(() -> {
                    go.await();
                    for (int n = 0; n < PER_THREAD; n++) {
                        String message = Json.mapper().createObjectNode().put("type", "test").put("thread", t).put("n", n).toString();
                        results.add(session.send(message));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> sender : senders) {
                sender.get(30, TimeUnit.SECONDS);
            }
            return List.copyOf(results);
        } finally {
            pool.shutdownNow();
        }
    }
}
