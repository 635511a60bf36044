package realtime.redisstreams;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XPendingParams;
import redis.clients.jedis.resps.StreamEntry;
import redis.clients.jedis.resps.StreamPendingEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over the entries of consumers that crashed or stalled. An entry that has sat in the group's
 * pending entries list (PEL) for longer than {@code minIdle} is claimed with {@code XAUTOCLAIM},
 * which makes this reclaimer its owner and counts one more delivery. An entry that has already
 * been delivered {@code maxDeliveries} times is a poison entry: it goes to the dead-letter stream
 * instead of failing for ever.
 */
public final class Reclaimer {

    /** Maximum number of entries one XAUTOCLAIM takes over. */
    static final int BATCH_SIZE = 10;

    /** Dead-letter fields added to the original ones. */
    public static final String ORIGINAL_ID = "originalId";
    public static final String DELIVERIES = "deliveries";

    /** The dead-letter stream keeps about this many entries. */
    static final long DEAD_LETTER_MAX_LENGTH = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(Reclaimer.class);

    private final UnifiedJedis redis;
    private final String stream;
    private final String group;
    private final String name;
    private final EntryHandler handler;
    private final Duration minIdle;
    private final int maxDeliveries;
    private final String deadLetterStream;

    /**
     * @param name             the consumer name this reclaimer claims entries for
     * @param minIdle          how long an entry must have been pending untouched before it is taken
     *                         over. Make it longer than the slowest normal handling, because a live
     *                         consumer loses a slower entry to the reclaimer.
     * @param maxDeliveries    how many deliveries an entry gets before it is dead-lettered
     * @param deadLetterStream the stream that receives poison entries
     */
    public Reclaimer(UnifiedJedis redis, String stream, String group, String name, EntryHandler handler,
                     Duration minIdle, int maxDeliveries, String deadLetterStream) {
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("maxDeliveries must be at least 1, got " + maxDeliveries);
        }
        this.redis = redis;
        this.stream = stream;
        this.group = group;
        this.name = name;
        this.handler = handler;
        this.minIdle = minIdle;
        this.maxDeliveries = maxDeliveries;
        this.deadLetterStream = deadLetterStream;
    }

    /** Scans the whole PEL once, taking over every entry idle longer than {@code minIdle}. */
    public ReclaimResult reclaimOnce() {
        throw new UnsupportedOperationException("TODO step 6: claim idle entries with XAUTOCLAIM, handle them, and dead-letter the poison ones");
    }

    /** Copies a poison entry to the dead-letter stream, then removes it from the group's PEL. */
    void deadLetter(StreamEntry entry, long deliveries) {
        throw new UnsupportedOperationException("TODO step 6: XADD the entry with its original id and delivery count to the dead-letter stream, then XACK it");
    }

    /** Returns how many times the group has delivered the entry, or 0 when it is no longer pending. */
    long deliveriesOf(StreamEntryID id) {
        List<StreamPendingEntry> pending = redis.xpending(stream, group, XPendingParams.xPendingParams(id, id, 1));
        return pending.isEmpty() ? 0 : pending.get(0).getDeliveredTimes();
    }

    /** Acknowledges this reclaimer's pending entries whose data trimming has deleted. */
    void acknowledgeTrimmed() {
        List<StreamPendingEntry> owned = redis.xpending(stream, group,
                XPendingParams.xPendingParams().count(BATCH_SIZE * 10).consumer(name));
        for (StreamPendingEntry pending : owned) {
            if (redis.xrange(stream, pending.getID(), pending.getID(), 1).isEmpty()) {
                redis.xack(stream, group, pending.getID());
            }
        }
    }
}
