package realtime.redisstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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

@Tag("step-5")
@DisplayName("Step 5 — Recover your own pending entries on start")
class PendingRecoveryTest {

    private static final String GROUP = "doc-indexer";
    private static final Duration BLOCK = Duration.ofMillis(200);

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private TestRedis redis;
    private String stream;

    @BeforeEach
    void connect() {
        redis = cleanup.add(TestRedis.connect());
        stream = redis.key("doc-updates");
        redis.client.xgroupCreate(stream, GROUP, new StreamEntryID(0, 0), true);
    }

    @Test
    @DisplayName("a restarted consumer handles its own pending entries first")
    void restartHandlesOwnPending() {
        List<String> held = appendUpdates(3, "held");
        crashHolding("alice", 3);
        List<String> unread = appendUpdates(2, "unread");
        RecordingHandler handler = new RecordingHandler();
        GroupConsumer alice = new GroupConsumer(redis.client, stream, GROUP, "alice", BLOCK, handler);

        int recovered = alice.recoverPending();

        assertThat(handler.handledIds())
                .as("Step 5: after a crash alice's 3 unacknowledged entries are still hers; on start she must re-read them "
                        + "with XREADGROUP from id 0, and only them. See GroupConsumer.recoverPending.")
                .containsExactlyElementsOf(held);
        assertThat(recovered).as("Step 5: recoverPending must return how many entries it handled").isEqualTo(3);
        assertThat(pending())
                .as("Step 5: recovered entries must be acknowledged")
                .isEmpty();

        alice.poll();
        assertThat(handler.handledIds())
                .as("Step 5: after the recovery, poll continues with the entries nobody received yet")
                .containsExactlyElementsOf(concat(held, unread));
    }

    @Test
    @DisplayName("start recovers pending entries before reading new ones")
    void startRecoversFirst() throws Exception {
        List<String> held = appendUpdates(3, "held");
        crashHolding("alice", 3);
        RecordingHandler handler = new RecordingHandler();
        GroupConsumer alice = new GroupConsumer(redis.client, stream, GROUP, "alice", BLOCK, handler);

        alice.start();
        cleanup.add(alice);

        assertThat(handler.handledIds())
                .as("Step 5: start() must have handled alice's pending entries before it returns. See GroupConsumer.recoverPending.")
                .containsExactlyElementsOf(held);
    }

    @Test
    @DisplayName("recovery leaves other consumers' entries alone")
    void recoveryIgnoresOthers() {
        appendUpdates(2, "bob's");
        crashHolding("bob", 2);
        RecordingHandler handler = new RecordingHandler();
        GroupConsumer alice = new GroupConsumer(redis.client, stream, GROUP, "alice", BLOCK, handler);

        alice.recoverPending();

        assertThat(handler.handledIds())
                .as("Step 5: XREADGROUP with an id reads only the calling consumer's pending entries; bob's are the Reclaimer's job")
                .isEmpty();
        assertThat(pending()).extracting(StreamPendingEntry::getConsumerName).containsOnly("bob");
    }

    @Test
    @DisplayName("recovery finishes even when a pending entry fails again")
    void recoveryMovesPastFailures() {
        List<String> good = new ArrayList<>();
        good.add(DocumentUpdates.append(redis.client, stream, "doc-1", "u-1", "fine 1"));
        String bad = DocumentUpdates.append(redis.client, stream, "doc-1", "u-2", "broken");
        good.add(DocumentUpdates.append(redis.client, stream, "doc-1", "u-3", "fine 2"));
        crashHolding("alice", 3);
        RecordingHandler handler = new RecordingHandler().failingOn("broken");
        GroupConsumer alice = new GroupConsumer(redis.client, stream, GROUP, "alice", BLOCK, handler);

        int recovered = assertTimeoutPreemptively(Duration.ofSeconds(5), alice::recoverPending,
                "Step 5: recoverPending must finish; after a failed entry, continue from its id, not from 0 again. See GroupConsumer.recoverPending.");

        assertThat(recovered).isEqualTo(2);
        assertThat(handler.handledIds()).containsExactlyElementsOf(good);
        assertThat(pending())
                .as("Step 5: the entry that failed again stays pending for the Reclaimer")
                .extracting(entry -> entry.getID().toString())
                .containsExactly(bad);
    }

    private List<String> appendUpdates(int count, String text) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(DocumentUpdates.append(redis.client, stream, "doc-1", text + "-" + i, text + " " + i));
        }
        return ids;
    }

    // What a consumer that crashes mid-batch leaves behind: entries delivered to it, never acknowledged.
    private void crashHolding(String consumer, int count) {
        List<Map.Entry<String, List<StreamEntry>>> read = redis.client.xreadGroup(GROUP, consumer,
                XReadGroupParams.xReadGroupParams().count(count), Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        assertThat(read.get(0).getValue()).hasSize(count);
    }

    private List<StreamPendingEntry> pending() {
        return redis.client.xpending(stream, GROUP, XPendingParams.xPendingParams().count(1_000));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
