package realtime.longpolling;

import static org.assertj.core.api.Assertions.assertThat;
import static realtime.longpolling.LongPolls.FROZEN_CLOCK;
import static realtime.longpolling.LongPolls.cursorOf;
import static realtime.longpolling.LongPolls.longWaits;
import static realtime.longpolling.LongPolls.poll;
import static realtime.longpolling.LongPolls.publish;
import static realtime.longpolling.LongPolls.seqs;
import static realtime.longpolling.LongPolls.texts;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Json;

@Tag("step-1")
@DisplayName("Step 1: a poll with newer messages is answered at once")
class ImmediateAnswerTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("numbers messages 1, 2, 3 in publishing order")
    void numbersMessages() {
        MessageLog log = new MessageLog(FROZEN_CLOCK, 100);

        List<Long> seqs = List.of(log.append("a").seq(), log.append("b").seq(), log.append("c").seq());

        assertThat(seqs)
                .as("Step 1: three appends must get seq 1, 2, 3, got %s. See MessageLog.append.", seqs)
                .containsExactly(1L, 2L, 3L);
        assertThat(log.lastSeq()).as("Step 1: lastSeq after three appends. See MessageLog.append.").isEqualTo(3);
    }

    @Test
    @DisplayName("returns only the messages after the cursor, oldest first")
    void returnsMessagesAfterCursor() {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        publish(server, "first");
        publish(server, "second");
        publish(server, "third");

        HttpResponse<String> response = poll(server, 1);

        assertThat(response.statusCode())
                .as("Step 1: GET /messages?cursor=1 with 3 messages must answer 200 at once, got %d %s. See MessageLog.after.",
                        response.statusCode(), response.body())
                .isEqualTo(200);
        assertThat(texts(response))
                .as("Step 1: cursor=1 must return the messages after seq 1, oldest first, got %s. See MessageLog.after.", response.body())
                .containsExactly("second", "third");
        assertThat(cursorOf(response))
                .as("Step 1: the answer's cursor must be the seq of its last message, got %s. See MessageLog.after.", response.body())
                .isEqualTo(3);
    }

    @Test
    @DisplayName("answers a poll from cursor 0 with every message kept")
    void cursorZeroReturnsEverything() {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        publish(server, "one");
        publish(server, "two");

        HttpResponse<String> response = poll(server, 0);

        assertThat(seqs(response))
                .as("Step 1: cursor=0 must return every message, got %s. See MessageLog.after.", response.body())
                .containsExactly(1L, 2L);
    }

    @Test
    @DisplayName("delivers two messages published in the same millisecond")
    void sameMillisecondMessagesBothArrive() {
        // The frozen clock stamps every message with the same publishedAt. A short timeout ends
        // the poll soon if the server holds it, so the assertion below can say why.
        FeedSettings settings = FeedSettings.defaults().withPollTimeout(Duration.ofSeconds(2));
        MessageServer server = LongPolls.start(cleanup, settings, FROZEN_CLOCK);
        publish(server, "early");
        long cursor = cursorOf(poll(server, 0));
        publish(server, "same millisecond");

        HttpResponse<String> response = poll(server, cursor);

        assertThat(response.statusCode())
                .as("Step 1: after reading 'early' (cursor %d), a poll must get 'same millisecond' at once, got %d %s. "
                        + "A cursor made from publishedAt misses a message stamped in the same millisecond; use seq.",
                        cursor, response.statusCode(), response.body())
                .isEqualTo(200);
        assertThat(texts(response)).as("Step 1: the second message, and only it. See MessageLog.after.")
                .containsExactly("same millisecond");
    }

    @Test
    @DisplayName("answers with a sequence number as the cursor, not a time")
    void cursorIsTheSequenceNumber() {
        MessageServer server = LongPolls.start(cleanup, longWaits(), FROZEN_CLOCK);
        publish(server, "a");
        publish(server, "b");

        HttpResponse<String> response = poll(server, 0);

        assertThat(cursorOf(response))
                .as("Step 1: the cursor after messages 1 and 2 must be 2 (their seq), got %s. See MessageLog.after.", response.body())
                .isEqualTo(2);
    }

    @Test
    @DisplayName("splits a long backlog into batches with no gap and no repeat")
    void backlogComesInBatches() {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        for (int i = 1; i <= 250; i++) {
            server.feed().publish("m" + i);
        }

        List<Long> first = seqs(poll(server, 0));
        long cursor = first.get(first.size() - 1);
        List<Long> second = seqs(poll(server, cursor));

        int batch = FeedSettings.defaults().maxBatch();
        assertThat(first)
                .as("Step 1: the first batch must be seq 1..%d, got %s. See MessageLog.after (max).", batch, first)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, batch).boxed().toList());
        assertThat(second)
                .as("Step 1: the next batch must start right after %d, got %s. See MessageLog.after.", cursor, second)
                .containsExactlyElementsOf(LongStream.rangeClosed(batch + 1, 2L * batch).boxed().toList());
    }

    @Test
    @DisplayName("answers POST /messages with 201 and the numbered message")
    void publishAnswersCreated() {
        MessageServer server = LongPolls.start(cleanup, longWaits());

        HttpResponse<String> response = LongPolls.failOnTodo(publish(server, "hello"));

        assertThat(response.statusCode()).as("Step 1: POST /messages status, body %s", response.body()).isEqualTo(201);
        assertThat(Json.parse(response.body()).path("seq").asLong())
                .as("Step 1: the first message published must get seq 1, got %s. See MessageLog.append.", response.body())
                .isEqualTo(1);
    }

    @Test
    @DisplayName("answers at once, without waiting for the poll timeout")
    void answersWithoutWaiting() {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        server.feed().publish("ready");

        long start = System.nanoTime();
        HttpResponse<String> response = poll(server, 0);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.statusCode()).as("Step 1: status, body %s", response.body()).isEqualTo(200);
        assertThat(elapsed)
                .as("Step 1: a poll with a message waiting must be answered at once; it took %d ms. "
                        + "Check the log before holding the poll. See MessageFeed.poll.", elapsed.toMillis())
                .isLessThan(Duration.ofSeconds(5));
    }
}
