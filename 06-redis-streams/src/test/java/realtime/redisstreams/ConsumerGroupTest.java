package realtime.redisstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
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
import redis.clients.jedis.resps.StreamGroupInfo;
import redis.clients.jedis.resps.StreamPendingEntry;

@Tag("step-4")
@DisplayName("Step 4 — Share the work in a consumer group")
class ConsumerGroupTest {

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
    }

    @Test
    @DisplayName("createGroup makes the stream and can run twice")
    void createGroupIsRepeatable() {
        GroupConsumer consumer = new GroupConsumer(redis.client, stream, GROUP, "alice", BLOCK, new RecordingHandler());

        consumer.createGroup();
        assertThatCode(consumer::createGroup)
                .as("Step 4: every consumer calls createGroup when it starts; a BUSYGROUP error for an existing group must be ignored. See GroupConsumer.createGroup.")
                .doesNotThrowAnyException();

        List<StreamGroupInfo> groups = redis.client.xinfoGroups(stream);
        assertThat(groups)
                .as("Step 4: XGROUP CREATE … MKSTREAM must create the stream and the group %s. See GroupConsumer.createGroup.", GROUP)
                .extracting(StreamGroupInfo::getName)
                .containsExactly(GROUP);
    }

    @Test
    @DisplayName("a new group processes the updates already in the stream")
    void newGroupStartsAtBeginning() {
        List<String> ids = List.of(
                DocumentUpdates.append(redis.client, stream, "doc-1", "u-1", "a"),
                DocumentUpdates.append(redis.client, stream, "doc-1", "u-2", "b"));
        RecordingHandler handler = new RecordingHandler();
        GroupConsumer consumer = new GroupConsumer(redis.client, stream, GROUP, "alice", BLOCK, handler);
        consumer.createGroup();

        consumer.poll();

        assertThat(handler.handledIds())
                .as("Step 4: a group created at id 0 must deliver the updates already in the stream; created at \"$\" it skips them. See GroupConsumer.createGroup.")
                .containsExactlyElementsOf(ids);
    }

    @Test
    @DisplayName("poll handles new entries and acknowledges each")
    void pollHandlesAndAcknowledges() {
        RecordingHandler handler = new RecordingHandler();
        GroupConsumer consumer = new GroupConsumer(redis.client, stream, GROUP, "alice", BLOCK, handler);
        consumer.createGroup();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(DocumentUpdates.append(redis.client, stream, "doc-1", "u-" + i, "edit " + i));
        }

        await().untilAsserted(() -> {
            consumer.poll();
            assertThat(handler.handledIds())
                    .as("Step 4: poll must read new entries with XREADGROUP … > and pass each to the handler. See GroupConsumer.poll.")
                    .containsExactlyElementsOf(ids);
        });
        assertThat(pending())
                .as("Step 4: every handled entry must be acknowledged with XACK, leaving the pending entries list empty. See GroupConsumer.handleAndAcknowledge.")
                .isEmpty();
    }

    @Test
    @DisplayName("a failed entry stays pending for a retry")
    void failureLeavesEntryPending() {
        RecordingHandler handler = new RecordingHandler().failingOn("broken");
        GroupConsumer consumer = new GroupConsumer(redis.client, stream, GROUP, "alice", BLOCK, handler);
        consumer.createGroup();
        String good = DocumentUpdates.append(redis.client, stream, "doc-1", "u-1", "fine");
        String bad = DocumentUpdates.append(redis.client, stream, "doc-1", "u-2", "broken");

        int handled = consumer.poll();

        assertThat(handled).as("Step 4: poll must return how many entries were handled successfully").isEqualTo(1);
        assertThat(handler.handledIds()).containsExactly(good);
        assertThat(pending())
                .as("Step 4: an entry whose handler threw must not be acknowledged: it stays pending under alice for a retry. See GroupConsumer.handleAndAcknowledge.")
                .extracting(entry -> entry.getID().toString(), StreamPendingEntry::getConsumerName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(bad, "alice"));
    }

    @Test
    @DisplayName("a trimmed pending entry is acknowledged unhandled")
    void trimmedEntryIsAcknowledged() {
        redis.client.xgroupCreate(stream, GROUP, new StreamEntryID(0, 0), true);
        String trimmed = DocumentUpdates.append(redis.client, stream, "doc-1", "u-1", "trimmed");
        String intact = DocumentUpdates.append(redis.client, stream, "doc-1", "u-2", "intact");
        // alice receives both entries and crashes, and then trimming deletes the older one.
        readOwnEntries("alice", StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY);
        redis.client.xdel(stream, new StreamEntryID(trimmed));
        // Reading alice's pending entries again returns the deleted one with no fields.
        List<StreamEntry> redelivered = readOwnEntries("alice", new StreamEntryID(0, 0));
        assertThat(redelivered).extracting(entry -> entry.getID().toString()).containsExactly(trimmed, intact);
        RecordingHandler handler = new RecordingHandler();

        List<Boolean> results = new ArrayList<>();
        for (StreamEntry entry : redelivered) {
            results.add(GroupConsumer.handleAndAcknowledge(redis.client, stream, GROUP, handler, entry));
        }

        assertThat(handler.attemptsOf(trimmed))
                .as("Step 4: entry %s was trimmed, so it has no fields; it must not reach the handler. See GroupConsumer.handleAndAcknowledge.", trimmed)
                .isZero();
        assertThat(results)
                .as("Step 4: handleAndAcknowledge must return false for the trimmed entry %s (not handled) and true for %s", trimmed, intact)
                .containsExactly(false, true);
        assertThat(pending())
                .as("Step 4: a trimmed entry can never be handled, so it must be acknowledged anyway, or it stays pending for ever. "
                        + "See GroupConsumer.handleAndAcknowledge.")
                .isEmpty();
        assertThat(handler.handledIds()).containsExactly(intact);
    }

    @Test
    @DisplayName("two consumers split 100 entries with no duplicate")
    void twoConsumersSplitTheWork() throws Exception {
        RecordingHandler aliceHandler = new RecordingHandler();
        RecordingHandler bobHandler = new RecordingHandler();
        GroupConsumer alice = new GroupConsumer(redis.client, stream, GROUP, "alice", BLOCK, slow(aliceHandler));
        GroupConsumer bob = new GroupConsumer(redis.client, stream, GROUP, "bob", BLOCK, slow(bobHandler));
        alice.createGroup();
        bob.createGroup();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(DocumentUpdates.append(redis.client, stream, "doc-" + (i % 7), "u-" + i, "edit " + i));
        }

        AtomicBoolean running = new AtomicBoolean(true);
        cleanup.add(() -> running.set(false));
        Thread aliceThread = pollInBackground(alice, running);
        Thread bobThread = pollInBackground(bob, running);

        await().untilAsserted(() -> assertThat(aliceHandler.handledIds().size() + bobHandler.handledIds().size())
                .as("Step 4: alice and bob together must handle all 100 entries")
                .isGreaterThanOrEqualTo(100));
        running.set(false);
        aliceThread.join(5_000);
        bobThread.join(5_000);

        List<String> all = new ArrayList<>(aliceHandler.handledIds());
        all.addAll(bobHandler.handledIds());
        assertThat(all)
                .as("Step 4: in one group each entry goes to one consumer only; a duplicate means a consumer read with XREAD, "
                        + "with an id instead of >, or in a group of its own. See GroupConsumer.poll.")
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(aliceHandler.handledIds()).as("Step 4: both consumers must get a share; alice got none").isNotEmpty();
        assertThat(bobHandler.handledIds()).as("Step 4: both consumers must get a share; bob got none").isNotEmpty();
        assertThat(new HashSet<>(aliceHandler.handledIds())).doesNotContainAnyElementsOf(bobHandler.handledIds());
        assertThat(pending()).as("Step 4: every entry must be acknowledged").isEmpty();
    }

    // Each entry takes a moment, as real work does, so one consumer cannot drain the stream alone.
    private static EntryHandler slow(RecordingHandler handler) {
        return entry -> {
            Thread.sleep(2);
            handler.handle(entry);
        };
    }

    private static Thread pollInBackground(GroupConsumer consumer, AtomicBoolean running) {
        Thread thread = new Thread(() -> {
            while (running.get()) {
                consumer.poll();
            }
        }, "poll-" + consumer.name());
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private List<StreamEntry> readOwnEntries(String consumer, StreamEntryID after) {
        return GroupConsumer.entriesOf(redis.client.xreadGroup(GROUP, consumer,
                XReadGroupParams.xReadGroupParams().count(10), Map.of(stream, after)));
    }

    private List<StreamPendingEntry> pending() {
        return redis.client.xpending(stream, GROUP, XPendingParams.xPendingParams().count(1_000));
    }
}
