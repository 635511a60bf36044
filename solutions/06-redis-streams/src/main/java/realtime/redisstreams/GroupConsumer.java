package realtime.redisstreams;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One named consumer in a consumer group. Redis gives each new entry to one consumer of the group,
 * so consumers that share a group share the work. An entry stays in the group's pending entries
 * list (PEL) until its consumer acknowledges it with {@code XACK}.
 */
public final class GroupConsumer implements AutoCloseable {

    /** Maximum number of entries one read returns. */
    static final int BATCH_SIZE = 10;

    private static final Logger LOG = LoggerFactory.getLogger(GroupConsumer.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final UnifiedJedis redis;
    private final String stream;
    private final String group;
    private final String name;
    private final Duration block;
    private final EntryHandler handler;
    private volatile boolean running;
    private Thread thread;

    public GroupConsumer(UnifiedJedis redis, String stream, String group, String name, Duration block, EntryHandler handler) {
        this.redis = redis;
        this.stream = stream;
        this.group = group;
        this.name = name;
        this.block = block;
        this.handler = handler;
    }

    public String name() {
        return name;
    }

    /**
     * Creates the group, and the stream if it does not exist yet. A new group starts at the
     * beginning of the stream, so it processes every entry already there once. Creating a group
     * that exists is not an error: every consumer calls this when it starts.
     */
    public void createGroup() {
        // >>> step 4: create the group at id 0 with XGROUP CREATE … MKSTREAM, unless it exists
        try {
            redis.xgroupCreate(stream, group, new StreamEntryID(0, 0), true);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        }
        // <<< step 4
    }

    /**
     * Reads up to {@value #BATCH_SIZE} entries that no consumer of the group has received yet,
     * waiting up to the BLOCK time for them, and handles each. Returns how many were handled.
     */
    public int poll() {
        // >>> step 4: read new entries with XREADGROUP … > and handle each one
        XReadGroupParams params = XReadGroupParams.xReadGroupParams()
                .count(BATCH_SIZE)
                .block(Math.toIntExact(block.toMillis()));
        List<StreamEntry> entries = entriesOf(redis.xreadGroup(group, name, params,
                Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));
        int handled = 0;
        for (StreamEntry entry : entries) {
            if (handleAndAcknowledge(redis, stream, group, handler, entry)) {
                handled++;
            }
        }
        return handled;
        // <<< step 4
    }

    /**
     * Handles the entries this consumer received before it stopped and never acknowledged: after a
     * crash they are still in the PEL under this consumer's name, and no one else will read them
     * with {@code >}. Returns how many were handled.
     */
    public int recoverPending() {
        // >>> step 5: re-read this consumer's own pending entries, from id 0 up, and handle them
        int handled = 0;
        StreamEntryID after = new StreamEntryID(0, 0);
        while (true) {
            // An id instead of ">" reads this consumer's own PEL after that id, without blocking.
            XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(BATCH_SIZE);
            List<StreamEntry> entries = entriesOf(redis.xreadGroup(group, name, params, Map.of(stream, after)));
            if (entries.isEmpty()) {
                return handled;
            }
            for (StreamEntry entry : entries) {
                if (handleAndAcknowledge(redis, stream, group, handler, entry)) {
                    handled++;
                }
                // Move past entries that failed again, or they would be re-read for ever; the
                // Reclaimer retries them once they have been idle long enough.
                after = entry.getID();
            }
        }
        // <<< step 5
    }

    /**
     * Handles one entry and acknowledges it when the handler succeeds. An entry whose fields are
     * gone was trimmed from the stream before anyone handled it; it is acknowledged so it leaves
     * the PEL. Returns true when the handler ran and succeeded.
     */
    static boolean handleAndAcknowledge(UnifiedJedis redis, String stream, String group, EntryHandler handler, StreamEntry entry) {
        // >>> step 4: XACK a trimmed entry (no fields) unhandled; else handle, then XACK unless it failed
        if (entry.getFields() == null || entry.getFields().isEmpty()) {
            LOG.warn("Entry {} of {} was trimmed before it was handled; acknowledging it", entry.getID(), stream);
            redis.xack(stream, group, entry.getID());
            return false;
        }
        try {
            handler.handle(entry);
        } catch (Exception e) {
            LOG.warn("Handling entry {} of {} failed; it stays pending for a retry: {}", entry.getID(), stream, e.toString());
            return false;
        }
        // Acknowledge only after the work is done: a crash before this line means a redelivery,
        // never a lost entry.
        redis.xack(stream, group, entry.getID());
        return true;
        // <<< step 4
    }

    /** Creates the group, recovers this consumer's pending entries, then polls on a thread of its own. */
    public void start() {
        createGroup();
        recoverPending();
        running = true;
        thread = new Thread(this::run, "group-consumer-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops polling; returns when the current BLOCK has run out and the thread has ended. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(block.plus(RedisClients.BLOCKING_MARGIN).toMillis());
        }
    }

    static List<StreamEntry> entriesOf(List<Map.Entry<String, List<StreamEntry>>> reply) {
        if (reply == null) {
            return List.of();
        }
        return reply.stream().flatMap(stream -> stream.getValue().stream()).toList();
    }

    private void run() {
        while (running) {
            try {
                poll();
            } catch (JedisConnectionException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Consumer {} lost its Redis connection ({}); retrying in {} ms", name, e.getMessage(), RETRY_PAUSE.toMillis());
                pause();
            } catch (RuntimeException e) {
                LOG.error("Consumer {} stopped: {}", name, e.toString());
                return;
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
