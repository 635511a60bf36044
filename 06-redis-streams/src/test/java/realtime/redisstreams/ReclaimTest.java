package realtime.redisstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;

@Tag("step-6")
@DisplayName("Step 6 — Reclaim stuck entries and dead-letter poison ones")
class ReclaimTest {

    private static final String GROUP = "doc-indexer";
    private static final Duration SHORT_IDLE = Duration.ofMillis(100);
    private static final int MAX_DELIVERIES = 3;

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private TestRedis redis;
    private String stream;
    private String deadLetters;

    @BeforeEach
    void connect() {
        redis = cleanup.add(TestRedis.connect());
        stream = redis.key("doc-updates");
        deadLetters = redis.key("doc-updates-dead");
        redis.client.xgroupCreate(stream, GROUP, new StreamEntryID(0, 0), true);
    }

    @Test
    @DisplayName("entries of a crashed consumer are taken over and handled once each")
    void reclaimsCrashedConsumersEntries() {
        List<String> held = appendUpdates(3, "held");
        crashHolding("crashed", 3);
        RecordingHandler handler = new RecordingHandler();
        Reclaimer reclaimer = new Reclaimer(redis.client, stream, GROUP, "reclaimer", handler, SHORT_IDLE, MAX_DELIVERIES, deadLetters);

        await().untilAsserted(() -> {
            reclaimer.reclaimOnce();
            assertThat(handler.handledIds())
                    .as("Step 6: once idle for %d ms, the crashed consumer's 3 entries must be claimed with XAUTOCLAIM and handled. See Reclaimer.reclaimOnce.",
                            SHORT_IDLE.toMillis())
                    .hasSize(3);
        });
        ReclaimResult again = reclaimer.reclaimOnce();

        assertThat(handler.handledIds())
                .as("Step 6: each reclaimed entry must be handled exactly once")
                .containsExactlyElementsOf(held);
        assertThat(pending())
                .as("Step 6: reclaimed entries must be acknowledged after handling")
                .isEmpty();
        assertThat(again).as("Step 6: a second pass finds nothing left to claim").isEqualTo(new ReclaimResult(0, 0, 0));
    }

    @Test
    @DisplayName("a claimed entry that trimming deleted leaves the pending list")
    void trimmedEntryIsCleared() {
        List<String> held = appendUpdates(2, "held");
        crashHolding("crashed", 2);
        redis.client.xdel(stream, new StreamEntryID(held.get(0)));
        RecordingHandler handler = new RecordingHandler();
        Reclaimer reclaimer = new Reclaimer(redis.client, stream, GROUP, "reclaimer", handler, SHORT_IDLE, MAX_DELIVERIES, deadLetters);

        await().untilAsserted(() -> {
            reclaimer.reclaimOnce();
            assertThat(pending())
                    .as("Step 6: an entry deleted by trimming cannot be handled; it must still leave the pending list. "
                            + "Redis 6.2 returns it as null from XAUTOCLAIM: call acknowledgeTrimmed(). See Reclaimer.reclaimOnce.")
                    .isEmpty();
        });
        assertThat(handler.handledIds()).containsExactly(held.get(1));
    }

    @Test
    @DisplayName("entries idle for less than the limit stay with their consumer")
    void leavesRecentEntries() {
        appendUpdates(2, "busy");
        crashHolding("busy", 2);
        RecordingHandler handler = new RecordingHandler();
        Reclaimer reclaimer = new Reclaimer(redis.client, stream, GROUP, "reclaimer", handler, Duration.ofMinutes(1), MAX_DELIVERIES, deadLetters);

        ReclaimResult result = reclaimer.reclaimOnce();

        assertThat(handler.handledIds())
                .as("Step 6: XAUTOCLAIM must pass minIdle; entries idle for less belong to a live consumer. See Reclaimer.reclaimOnce.")
                .isEmpty();
        assertThat(result).isEqualTo(new ReclaimResult(0, 0, 0));
        assertThat(pending()).extracting(StreamPendingEntry::getConsumerName).containsOnly("busy");
    }

    @Test
    @DisplayName("a poison entry goes to the dead-letter stream after K deliveries")
    void poisonEntryIsDeadLettered() {
        String poison = DocumentUpdates.append(redis.client, stream, "doc-1", "u-poison", "poison");
        String fine = DocumentUpdates.append(redis.client, stream, "doc-1", "u-fine", "fine");
        RecordingHandler handler = new RecordingHandler().failingOn("poison");
        GroupConsumer consumer = new GroupConsumer(redis.client, stream, GROUP, "alice", Duration.ofMillis(100), handler);
        consumer.poll();
        Reclaimer reclaimer = new Reclaimer(redis.client, stream, GROUP, "reclaimer", handler, SHORT_IDLE, MAX_DELIVERIES, deadLetters);

        await().untilAsserted(() -> {
            reclaimer.reclaimOnce();
            assertThat(redis.client.xlen(deadLetters))
                    .as("Step 6: an entry that keeps failing must reach the dead-letter stream once delivered more than %d times. "
                            + "Read the delivery count with XPENDING. See Reclaimer.reclaimOnce and deadLetter.", MAX_DELIVERIES)
                    .isEqualTo(1);
        });

        assertThat(handler.attemptsOf(poison))
                .as("Step 6: with maxDeliveries %d the poison entry must be tried exactly %d times before it is dead-lettered",
                        MAX_DELIVERIES, MAX_DELIVERIES)
                .isEqualTo(MAX_DELIVERIES);
        StreamEntry dead = redis.client.xrange(deadLetters, "-", "+").get(0);
        assertThat(dead.getFields())
                .as("Step 6: the dead letter must keep the original fields and add originalId and deliveries. See Reclaimer.deadLetter.")
                .containsEntry(DocumentUpdates.TEXT, "poison")
                .containsEntry(DocumentUpdates.UPDATE_ID, "u-poison")
                .containsEntry(Reclaimer.ORIGINAL_ID, poison)
                .containsEntry(Reclaimer.DELIVERIES, String.valueOf(MAX_DELIVERIES + 1));
        assertThat(pending())
                .as("Step 6: a dead-lettered entry must be acknowledged, or it stays pending for ever")
                .isEmpty();
        assertThat(handler.handledIds()).containsExactly(fine);
    }

    private List<String> appendUpdates(int count, String text) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(DocumentUpdates.append(redis.client, stream, "doc-1", text + "-" + i, text + " " + i));
        }
        return ids;
    }

    private void crashHolding(String consumer, int count) {
        List<Map.Entry<String, List<StreamEntry>>> read = redis.client.xreadGroup(GROUP, consumer,
                XReadGroupParams.xReadGroupParams().count(count), Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        assertThat(read.get(0).getValue()).hasSize(count);
    }

    private List<StreamPendingEntry> pending() {
        return redis.client.xpending(stream, GROUP, XPendingParams.xPendingParams().count(1_000));
    }
}
