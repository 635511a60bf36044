package realtime.longpolling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static realtime.longpolling.LongPolls.answer;
import static realtime.longpolling.LongPolls.awaitWaiting;
import static realtime.longpolling.LongPolls.cursorOf;
import static realtime.longpolling.LongPolls.longWaits;
import static realtime.longpolling.LongPolls.poll;
import static realtime.longpolling.LongPolls.pollAsync;
import static realtime.longpolling.LongPolls.publish;
import static realtime.longpolling.LongPolls.seqs;
import static realtime.longpolling.LongPolls.texts;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;

@Tag("step-3")
@DisplayName("Step 3: a poll with nothing to read waits for the next message")
class HeldPollTest {

    private static final String STEP = "Step 3";

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("answers a waiting poll within 100 ms of a publish")
    void answersSoonAfterPublish() {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        List<Long> latencies = new ArrayList<>();

        for (int i = 1; i <= 5; i++) {
            CompletableFuture<LongPolls.Timed> held = pollAsync(server, i - 1);
            awaitWaiting(server, 1, STEP, List.of(held));

            long published = System.nanoTime();
            server.feed().publish("message " + i);
            LongPolls.Timed timed = held.join();

            assertThat(texts(LongPolls.failOnTodo(timed.response())))
                    .as("Step 3: the held poll must be answered with the new message, got %s", timed.response().body())
                    .containsExactly("message " + i);
            latencies.add((timed.arrivedNanos() - published) / 1_000_000);
        }

        Collections.sort(latencies);
        assertThat(latencies.get(2))
                .as("Step 3: a publish must answer a waiting poll within 100 ms (median of 5); latencies were %s ms. "
                        + "Checking for news in a loop with a sleep adds up to the sleep to every message: "
                        + "complete the poll's future from publish instead. See WaitingPolls.wakeAll.", latencies)
                .isLessThanOrEqualTo(100L);
    }

    @Test
    @DisplayName("wakes every waiting poll with one publish")
    void onePublishWakesAll() {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        List<CompletableFuture<LongPolls.Timed>> held = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            held.add(pollAsync(server, 0));
        }
        awaitWaiting(server, 20, STEP, held);

        server.feed().publish("for everyone");

        awaitAnswered(held, "Step 3: one publish must answer all 20 waiting polls within 5 s", Duration.ofSeconds(5));
        for (CompletableFuture<LongPolls.Timed> poll : held) {
            HttpResponse<String> response = answer(poll);
            assertThat(texts(response))
                    .as("Step 3: each of 20 waiting polls must get the message, one got %d %s. See WaitingPolls.wakeAll.",
                            response.statusCode(), response.body())
                    .containsExactly("for everyone");
        }
        assertThat(server.feed().waitingPolls())
                .as("Step 3: no poll may stay waiting after it was answered. See WaitingPolls.wakeAll.")
                .isZero();
    }

    @Test
    @DisplayName("answers 204 when the timeout passes first")
    void timesOutWith204() {
        FeedSettings settings = FeedSettings.defaults().withPollTimeout(Duration.ofSeconds(1));
        MessageServer server = LongPolls.start(cleanup, settings);

        long start = System.nanoTime();
        HttpResponse<String> response = poll(server, 0);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode())
                .as("Step 3: a poll with no message must end with 204 No Content when its timeout passes, got %d %s. "
                        + "See MessageFeed.waitForNext.", response.statusCode(), response.body())
                .isEqualTo(204);
        assertThat(elapsed)
                .as("Step 3: with a 1 s timeout (±20%%) the poll must be held about 0.8 to 1.2 s, it took %d ms. "
                        + "See MessageFeed.waitForNext and PollTimeout.next.", elapsed.toMillis())
                .isBetween(Duration.ofMillis(700), Duration.ofSeconds(4));
        await().untilAsserted(() -> assertThat(server.feed().waitingPolls())
                .as("Step 3: a poll that timed out must leave the waiting set. See MessageFeed.waitForNext.")
                .isZero());
    }

    @Test
    @DisplayName("delivers a message published between two polls with the next poll")
    void messageBetweenPollsArrivesNextTime() {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        CompletableFuture<LongPolls.Timed> first = pollAsync(server, 0);
        awaitWaiting(server, 1, STEP, List.of(first));
        server.feed().publish("one");
        long cursor = cursorOf(answer(first));

        // No poll is open now: this message must wait in the log for the next one.
        server.feed().publish("two");
        HttpResponse<String> next = poll(server, cursor);

        assertThat(texts(next))
                .as("Step 3: a poll with cursor %d must get 'two', published while no poll was open, got %d %s",
                        cursor, next.statusCode(), next.body())
                .containsExactly("two");
    }

    @Test
    @DisplayName("catches a publish that lands just before the poll waits")
    void publishBeforeRegisterIsNotMissed() {
        // A log that lets one publish land right after the poll has read it and found nothing:
        // the moment between "nothing new" and "registered as waiting".
        AtomicReference<Runnable> afterNextRead = new AtomicReference<>();
        MessageLog log = new MessageLog(Clock.systemUTC(), 100) {
            @Override
            public synchronized PollResult after(long cursor, int max) {
                PollResult result = super.after(cursor, max);
                Runnable publish = afterNextRead.getAndSet(null);
                if (publish != null) {
                    publish.run();
                }
                return result;
            }
        };
        MessageFeed feed = cleanup.add(new MessageFeed(longWaits(), log, new SplittableRandom()));
        afterNextRead.set(() -> feed.publish("just in time"));

        CompletableFuture<PollResult> poll = feed.poll(0);

        assertThat(poll.isDone())
                .as("Step 3: a message published after the poll read the log, but before it registered as waiting, "
                        + "wakes nobody; the poll must still see it at once instead of waiting 20 s. "
                        + "Register, then read the log again. See MessageFeed.waitForNext.")
                .isTrue();
        assertThat(poll.join().messages()).extracting(Message::text).containsExactly("just in time");
        assertThat(feed.waitingPolls()).as("Step 3: the poll answered from the second read must not stay registered").isZero();
    }

    @Test
    @DisplayName("holds 500 polls at once on a server with 16 threads")
    void holdsManyPollsOnFewThreads() {
        MessageServer server = LongPolls.start(cleanup, longWaits().withMaxThreads(16));
        List<CompletableFuture<LongPolls.Timed>> held = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            held.add(pollAsync(server, 0));
        }

        awaitWaiting(server, 500, "Step 3 (500 polls on 16 threads; a poll that sleeps or blocks holds a thread, "
                + "so return a future instead)", held);
        HttpResponse<String> published = LongPolls.failOnTodo(publish(server, "to all 500"));

        assertThat(published.statusCode())
                .as("Step 3: POST /messages must still be served while 500 polls wait, got %d %s",
                        published.statusCode(), published.body())
                .isEqualTo(201);
        awaitAnswered(held, "Step 3: one publish must answer all 500 waiting polls within 10 s", Duration.ofSeconds(10));
        for (CompletableFuture<LongPolls.Timed> poll : held) {
            assertThat(texts(answer(poll)))
                    .as("Step 3: every one of the 500 polls must get the message. See WaitingPolls.wakeAll.")
                    .containsExactly("to all 500");
        }
    }

    @Test
    @DisplayName("delivers 1,000 messages exactly once and in order to a polling loop")
    void pollingLoopGetsEveryMessageOnce() throws InterruptedException {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        int total = 1_000;
        Thread publisher = new Thread(() -> {
            for (int i = 1; i <= total; i++) {
                server.feed().publish("m" + i);
                if (i % 50 == 0) {
                    Thread.yield(); // Let the poller catch up now and then, so some polls wait.
                }
            }
        }, "publisher");
        publisher.start();

        List<Long> received = new ArrayList<>();
        long cursor = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (received.size() < total && System.nanoTime() < deadline) {
            HttpResponse<String> response = poll(server, cursor);
            assertThat(response.statusCode())
                    .as("Step 3: while messages keep coming every poll must answer 200; after %d messages got %d %s. "
                            + "A publish between reading the log and registering the poll wakes nobody: "
                            + "read the log again after registering. See MessageFeed.waitForNext.",
                            received.size(), response.statusCode(), response.body())
                    .isEqualTo(200);
            received.addAll(seqs(response));
            cursor = cursorOf(response);
        }
        publisher.join();

        assertThat(received)
                .as("Step 3: the loop must receive seq 1..1000 once each, in order; got %d messages", received.size())
                .containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
    }

    private static void awaitAnswered(List<CompletableFuture<LongPolls.Timed>> polls, String expectation, Duration within) {
        await().atMost(within).untilAsserted(() -> assertThat(polls.stream().filter(CompletableFuture::isDone).count())
                .as("%s; the others still wait for their timeout. Does wakeAll complete every poll in the set? "
                        + "See WaitingPolls.wakeAll.", expectation)
                .isEqualTo(polls.size()));
    }
}
