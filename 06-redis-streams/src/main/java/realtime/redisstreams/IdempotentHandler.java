package realtime.redisstreams;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.resps.StreamEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a handler safe to run twice on the same entry. A consumer group delivers at least once:
 * a consumer that crashes after its work but before {@code XACK} gets the entry again, and a
 * publisher that retries an {@code XADD} appends a second entry with the same content. Both carry
 * the same idempotency id, so this handler runs the real work once per id.
 *
 * <p>Per id it keeps one Redis key: {@code processing:<token>} while a handler works on it, with
 * a lease so a crashed handler's claim expires, then {@code done} for as long as duplicates may
 * still arrive.
 */
public final class IdempotentHandler implements EntryHandler {

    static final String DONE = "done";

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentHandler.class);

    // Deletes the claim only if it is still ours: after a lease expired, another consumer may hold it.
    private static final String RELEASE_IF_OWNED =
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    private final UnifiedJedis redis;
    private final String idField;
    private final String keyPrefix;
    private final Duration lease;
    private final Duration remember;
    private final EntryHandler delegate;

    /**
     * @param idField   the entry field that carries the idempotency id, such as {@code updateId}
     * @param keyPrefix the prefix of the marker keys, one per id, such as {@code doc-indexer:done:}
     * @param lease     how long a claim lasts; longer than the slowest handling, or a slow handler
     *                  and a retry may both run
     * @param remember  how long a processed id is remembered; longer than any redelivery or retry
     */
    public IdempotentHandler(UnifiedJedis redis, String idField, String keyPrefix, Duration lease, Duration remember, EntryHandler delegate) {
        this.redis = redis;
        this.idField = idField;
        this.keyPrefix = keyPrefix;
        this.lease = lease;
        this.remember = remember;
        this.delegate = delegate;
    }

    /**
     * Runs the delegate unless this entry's idempotency id was processed already.
     *
     * @throws IllegalArgumentException when the entry has no idempotency id
     * @throws IllegalStateException    when another consumer is processing the same id right now;
     *                                  the entry stays pending and is retried later
     */
    @Override
    public void handle(StreamEntry entry) throws Exception {
        String id = entry.getFields().get(idField);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("Entry " + entry.getID() + " has no " + idField + " field, so its duplicates cannot be recognised");
        }
        String key = keyPrefix + id;
        String token = "processing:" + UUID.randomUUID();

        throw new UnsupportedOperationException("TODO step 7: claim the id with SET NX, skip it when already done, release the claim when the work fails");
    }
}
