package realtime.redisstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Redis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

@Tag("step-7")
@DisplayName("Step 7 — Handle each update once")
class IdempotencyTest {

    private static final String GROUP = "doc-indexer";
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration REMEMBER = Duration.ofMinutes(1);

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private TestRedis redis;
    private String stream;
    private String markerPrefix;
    /** The effect of the work: how many times each update was applied to its document. */
    private final Map<String, AtomicInteger> applied = new ConcurrentHashMap<>();

    @BeforeEach
    void connect() {
        redis = cleanup.add(TestRedis.connect());
        stream = redis.key("doc-updates");
        // Marker keys expire after REMEMBER, so the test leaves nothing behind for long.
        markerPrefix = Redis.uniqueKey("workbook-06:applied") + ":";
    }

    @Test
    @DisplayName("the same entry handled twice is applied once")
    void sameEntryTwice() throws Exception {
        String id = DocumentUpdates.append(redis.client, stream, "doc-1", "u-1", "hello");
        StreamEntry entry = read(id);
        EntryHandler handler = idempotent();

        handler.handle(entry);
        handler.handle(entry);

        assertThat(appliedCount("u-1"))
                .as("Step 7: a redelivered entry must not be applied again; remember its updateId with SET NX. See IdempotentHandler.handle.")
                .isEqualTo(1);
    }

    @Test
    @DisplayName("two entries with the same updateId are applied once")
    void retriedPublishIsAppliedOnce() throws Exception {
        // A publisher that timed out and retried its XADD leaves two entries with one updateId.
        String first = DocumentUpdates.append(redis.client, stream, "doc-1", "u-1", "hello");
        String retry = DocumentUpdates.append(redis.client, stream, "doc-1", "u-1", "hello");
        EntryHandler handler = idempotent();

        handler.handle(read(first));
        handler.handle(read(retry));

        assertThat(appliedCount("u-1"))
                .as("Step 7: duplicates are recognised by the updateId field, not by the entry id. See IdempotentHandler.handle.")
                .isEqualTo(1);
    }

    @Test
    @DisplayName("a failed attempt does not block the retry")
    void failureReleasesClaim() throws Exception {
        String id = DocumentUpdates.append(redis.client, stream, "doc-1", "u-1", "hello");
        AtomicInteger calls = new AtomicInteger();
        EntryHandler flaky = entry -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("document store unavailable");
            }
            apply(entry);
        };
        EntryHandler handler = new IdempotentHandler(redis.client, DocumentUpdates.UPDATE_ID, markerPrefix, LEASE, REMEMBER, flaky);

        assertThatThrownBy(() -> handler.handle(read(id)))
                .as("Step 7: the work's failure must reach the consumer, so the entry stays pending")
                .hasMessageContaining("document store unavailable");
        handler.handle(read(id));

        assertThat(appliedCount("u-1"))
                .as("Step 7: when the work fails, release the claim, or the retry is skipped as a duplicate and the update is lost. See IdempotentHandler.handle.")
                .isEqualTo(1);
    }

    @Test
    @DisplayName("a consumer that crashed before XACK causes no second effect")
    void crashBeforeAcknowledgeAppliesOnce() throws Exception {
        redis.client.xgroupCreate(stream, GROUP, new StreamEntryID(0, 0), true);
        String id = DocumentUpdates.append(redis.client, stream, "doc-1", "u-1", "hello");
        // The crashed consumer did its work, then died before XACK.
        StreamEntry delivered = redis.client.xreadGroup(GROUP, "crashed", XReadGroupParams.xReadGroupParams().count(1),
                Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)).get(0).getValue().get(0);
        idempotent().handle(delivered);
        // The reclaimer runs in another process, with a handler of its own.
        Reclaimer reclaimer = new Reclaimer(redis.client, stream, GROUP, "reclaimer", idempotent(), Duration.ofMillis(100), 3, redis.key("dead"));

        await().untilAsserted(() -> {
            reclaimer.reclaimOnce();
            assertThat(redis.client.xpending(stream, GROUP, XPendingParams.xPendingParams().count(10)))
                    .as("Step 7: the reclaimer must take the entry over and acknowledge it")
                    .isEmpty();
        });

        assertThat(appliedCount("u-1"))
                .as("Step 7: the update %s was applied before the crash; the redelivery must be skipped. See IdempotentHandler.handle.", id)
                .isEqualTo(1);
    }

    @Test
    @DisplayName("an entry without an updateId is rejected")
    void rejectsEntryWithoutId() {
        String id = redis.client.xadd(stream, XAddParams.xAddParams(), Map.of("docId", "doc-1", "text", "hello")).toString();
        StreamEntry entry = read(id);

        assertThatThrownBy(() -> idempotent().handle(entry))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("updateId");
        assertThat(applied).isEmpty();
    }

    private EntryHandler idempotent() {
        return new IdempotentHandler(redis.client, DocumentUpdates.UPDATE_ID, markerPrefix, LEASE, REMEMBER, this::apply);
    }

    private void apply(StreamEntry entry) {
        applied.computeIfAbsent(entry.getFields().get(DocumentUpdates.UPDATE_ID), key -> new AtomicInteger()).incrementAndGet();
    }

    private int appliedCount(String updateId) {
        AtomicInteger count = applied.get(updateId);
        return count == null ? 0 : count.get();
    }

    private StreamEntry read(String id) {
        List<StreamEntry> entries = redis.client.xrange(stream, id, id);
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }
}
