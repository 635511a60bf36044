package realtime.redisstreams;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a stream on a thread of its own with {@code XREAD BLOCK} and passes each new message to
 * a listener, in stream order. {@link #close()} stops it within one {@code BLOCK} time.
 */
public final class ChatTail implements AutoCloseable {

    /** Maximum number of entries one XREAD returns, so a tail that fell behind catches up in batches. */
    static final int BATCH_SIZE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ChatTail.class);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final UnifiedJedis redis;
    private final String key;
    private final Duration block;
    private final Consumer<ChatMessage> listener;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    private ChatTail(UnifiedJedis redis, String key, Duration block, Consumer<ChatMessage> listener, StreamEntryID cursor) {
        this.redis = redis;
        this.key = key;
        this.block = block;
        this.listener = listener;
        this.thread = new Thread(() -> run(cursor), "chat-tail-" + key);
        this.thread.setDaemon(true);
    }

    /**
     * Starts following the stream at {@code key}.
     *
     * @param after the id of the last message the caller already has, so the tail resumes right
     *              after it with no gap. Null receives only messages added from now on.
     * @param block how long one XREAD waits for new entries. The client's blocking socket timeout
     *              must be longer (see {@link RedisClients}).
     */
    public static ChatTail start(UnifiedJedis redis, String key, String after, Duration block, Consumer<ChatMessage> listener) {
        if (after != null && !ChatStream.ENTRY_ID.matcher(after).matches()) {
            throw new InvalidFieldException("after", "after must be a stream entry id such as 1718000000000-0, got " + after);
        }
        ChatTail tail = new ChatTail(redis, key, block, listener, startCursor(redis, key, after));
        tail.thread.start();
        return tail;
    }

    /**
     * Returns where the first XREAD starts: right after {@code after}, or, when it is null, right
     * after the entry that is newest now, or 0-0 when the stream is empty. The cursor is always a
     * concrete id, never $, because an XREAD that returns nothing would leave a $ cursor in place
     * and the next XREAD would skip whatever was added in between.
     */
    static StreamEntryID startCursor(UnifiedJedis redis, String key, String after) {
        // >>> step 3: start after the given id, else after the newest entry, never at $
        if (after != null) {
            return new StreamEntryID(after);
        }
        List<StreamEntry> newest = redis.xrevrange(key, "+", "-", 1);
        // An empty or missing stream: every entry that arrives from now on is after 0-0.
        return newest.isEmpty() ? new StreamEntryID(0, 0) : newest.get(0).getID();
        // <<< step 3
    }

    /**
     * Waits up to the BLOCK time for entries after {@code cursor}, passes each to the listener, and
     * returns the cursor for the next read.
     */
    StreamEntryID readOnce(StreamEntryID cursor) {
        // >>> step 3: XREAD BLOCK after the cursor, pass each entry on, and return the last id read
        XReadParams params = XReadParams.xReadParams().block(Math.toIntExact(block.toMillis())).count(BATCH_SIZE);
        List<Map.Entry<String, List<StreamEntry>>> streams = redis.xread(params, Map.of(key, cursor));
        // Null means BLOCK ran out with nothing new: an ordinary outcome, not an error. The cursor
        // is a concrete id (see startCursor), so reading from it again misses nothing.
        if (streams == null) {
            return cursor;
        }

        StreamEntryID last = cursor;
        for (Map.Entry<String, List<StreamEntry>> stream : streams) {
            for (StreamEntry entry : stream.getValue()) {
                listener.accept(ChatMessage.from(entry));
                last = entry.getID();
            }
        }
        // The next read continues from the last id received, never from "$" again: entries added
        // between two reads would be skipped.
        return last;
        // <<< step 3
    }

    /** Returns the error that stopped this tail, or null while it runs or after a clean close. */
    public RuntimeException failure() {
        return failure;
    }

    public boolean isAlive() {
        return thread.isAlive();
    }

    /** Stops the tail and waits for its thread, which ends when its current BLOCK runs out. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(block.plus(RedisClients.BLOCKING_MARGIN).toMillis());
    }

    private void run(StreamEntryID start) {
        StreamEntryID cursor = start;
        while (running) {
            try {
                cursor = readOnce(cursor);
            } catch (JedisConnectionException e) {
                if (!running) {
                    return;
                }
                LOG.warn("Tail of {} lost its Redis connection ({}); retrying in {} ms", key, e.getMessage(), RETRY_PAUSE.toMillis());
                pause();
            } catch (RuntimeException e) {
                failure = e;
                LOG.error("Tail of {} stopped: {}", key, e.toString());
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
