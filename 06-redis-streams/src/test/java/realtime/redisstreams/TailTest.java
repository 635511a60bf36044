package realtime.redisstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;

@Tag("step-3")
@DisplayName("Step 3 — Tail new messages with XREAD BLOCK")
class TailTest {

    private static final Duration BLOCK = Duration.ofMillis(500);

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private TestRedis redis;
    private String key;
    private final List<ChatMessage> received = new CopyOnWriteArrayList<>();
    private final Map<String, Long> receivedAtNanos = new ConcurrentHashMap<>();

    @BeforeEach
    void connect() {
        redis = cleanup.add(TestRedis.connect());
        key = redis.key("chat");
    }

    @Test
    @DisplayName("a new message reaches the tail within 200 ms")
    void newMessageArrivesQuickly() {
        String last = publish("history");
        ChatTail tail = startTail(last, BLOCK);

        long publishedAt = System.nanoTime();
        String id = publish("live");

        await().untilAsserted(() -> assertThat(ids())
                .as("Step 3: a tail started after %s must receive %s. Tail failure: %s. See ChatTail.readOnce.", last, id, tail.failure())
                .containsExactly(id));
        long latencyMillis = (receivedAtNanos.get(id) - publishedAt) / 1_000_000;
        assertThat(latencyMillis)
                .as("Step 3: XREAD BLOCK returns as soon as an entry arrives; the tail took %d ms. Does it poll with sleeps instead?", latencyMillis)
                .isLessThan(200);
    }

    @Test
    @DisplayName("a tail started with no id skips the history")
    void newTailSkipsHistory() {
        List<String> history = List.of(publish("old 1"), publish("old 2"), publish("old 3"));
        ChatTail tail = startTail(null, BLOCK);

        // The tail fixed its cursor before start returned, so a message published at once is not
        // lost even if the first XREAD has not reached Redis yet.
        String id = publish("new");

        await().untilAsserted(() -> assertThat(ids())
                .as("Step 3: a tail started with after = null must receive %s, published right after start, and none of the history %s. "
                        + "Tail failure: %s. See ChatTail.startCursor.", id, history, tail.failure())
                .containsExactly(id));
    }

    @Test
    @DisplayName("start cursor is the newest id, never $")
    void startCursorIsNewestId() {
        publish("old 1");
        String newest = publish("old 2");

        StreamEntryID cursor = ChatTail.startCursor(redis.client, key, null);

        assertThat(cursor.toString())
                .as("Step 3: with after = null the tail must start after the newest entry, %s, read with XREVRANGE + - COUNT 1. "
                        + "A cursor of $ stays $ after a BLOCK that returns nothing, and the next XREAD skips what was added in between. "
                        + "See ChatTail.startCursor.", newest)
                .isEqualTo(newest);
    }

    @Test
    @DisplayName("start cursor of an empty stream is 0-0")
    void startCursorOfEmptyStream() {
        StreamEntryID cursor = ChatTail.startCursor(redis.client, key, null);

        assertThat(cursor.toString())
                .as("Step 3: with after = null and no entry in the stream, every later entry is new: start at 0-0, not at $. "
                        + "See ChatTail.startCursor.")
                .isEqualTo("0-0");
    }

    @Test
    @DisplayName("start cursor is the given id")
    void startCursorIsGivenId() {
        String first = publish("old 1");
        publish("old 2");

        StreamEntryID cursor = ChatTail.startCursor(redis.client, key, first);

        assertThat(cursor.toString())
                .as("Step 3: a tail started after %s must continue right after it. See ChatTail.startCursor.", first)
                .isEqualTo(first);
    }

    @Test
    @DisplayName("a tail resumes right after the given id")
    void resumesAfterId() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(publish("message " + i));
        }

        ChatTail tail = startTail(ids.get(1), BLOCK);

        await().untilAsserted(() -> assertThat(ids())
                .as("Step 3: a tail started after %s must receive exactly the 3 later messages, in order. Tail failure: %s. See ChatTail.startCursor and readOnce.",
                        ids.get(1), tail.failure())
                .containsExactlyElementsOf(ids.subList(2, 5)));
    }

    @Test
    @DisplayName("a burst arrives complete and in order")
    void burstHasNoGap() {
        String last = publish("history");
        // A slow listener: each read returns while more entries are being added.
        ChatTail tail = startTail(last, BLOCK, 2);

        List<String> burst = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            burst.add(publish("burst " + i));
        }

        await().untilAsserted(() -> assertThat(ids())
                .as("Step 3: all 50 messages of a burst must arrive once, in order. Continue each XREAD from the last id received, "
                        + "not from \"$\", or entries added between two reads are lost. Tail failure: %s. See ChatTail.readOnce.", tail.failure())
                .containsExactlyElementsOf(burst));
    }

    @Test
    @DisplayName("close stops the tail within one BLOCK time")
    void closeGivesUpCleanly() throws Exception {
        String first = publish("first");
        ChatTail tail = startTail("0-0", BLOCK);
        // Once the first message arrived, the tail is in its loop: blocked in XREAD or about to be.
        await().untilAsserted(() -> assertThat(ids()).as("Step 3: a tail from 0-0 must receive %s", first).containsExactly(first));

        long start = System.nanoTime();
        tail.close();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(tail.isAlive())
                .as("Step 3: after close() the tail's thread must end once its XREAD BLOCK runs out")
                .isFalse();
        assertThat(tookMillis)
                .as("Step 3: close() must return within one BLOCK of %d ms plus a margin, took %d ms", BLOCK.toMillis(), tookMillis)
                .isLessThan(BLOCK.plus(RedisClients.BLOCKING_MARGIN).toMillis());
        assertThat(tail.failure())
                .as("Step 3: a BLOCK that runs out with no entries is normal (XREAD returns null), not a failure")
                .isNull();
    }

    @Test
    @DisplayName("a BLOCK longer than the socket timeout waits, then delivers")
    void blockLongerThanSocketTimeout() {
        Duration longBlock = RedisClients.SOCKET_TIMEOUT.plusMillis(500);
        ChatTail tail = startTail(publish("history"), longBlock);

        // One XREAD must outlive the ordinary socket timeout without an error.
        await().during(longBlock.plusMillis(300)).atMost(longBlock.plusSeconds(2)).untilAsserted(() -> assertThat(tail.failure())
                .as("Step 3: an XREAD BLOCK of %d ms must not fail; RedisClients gives blocking reads a longer timeout", longBlock.toMillis())
                .isNull());
        String id = publish("late");

        await().untilAsserted(() -> assertThat(ids())
                .as("Step 3: after a BLOCK ran out, the tail must read again and receive %s. Tail failure: %s", id, tail.failure())
                .containsExactly(id));
    }

    private ChatTail startTail(String after, Duration block) {
        return startTail(after, block, 0);
    }

    private ChatTail startTail(String after, Duration block, long listenerDelayMillis) {
        ChatTail tail = ChatTail.start(redis.client, key, after, block, message -> {
            receivedAtNanos.put(message.id(), System.nanoTime());
            received.add(message);
            if (listenerDelayMillis > 0) {
                // Simulated work in the listener, not a wait for an outcome.
                try {
                    Thread.sleep(listenerDelayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        cleanup.add(tail);
        return tail;
    }

    private String publish(String message) {
        return redis.client.xadd(key, XAddParams.xAddParams(), Map.of("user", "ada", "message", message, "messageId", message)).toString();
    }

    private List<String> ids() {
        return received.stream().map(ChatMessage::id).toList();
    }
}
