package realtime.redisstreams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A chat room kept in one Redis stream: {@code XADD} appends a message and {@code XREVRANGE}
 * pages back through the history. Live updates come from {@link ChatTail}.
 */
public final class ChatStream {

    public static final int MAX_USER_LENGTH = 64;
    public static final int MAX_MESSAGE_LENGTH = 2_000;
    public static final int MAX_MESSAGE_ID_LENGTH = 100;
    public static final int MAX_PAGE_SIZE = 100;

    /** A complete stream entry id: milliseconds, a dash, a sequence number. */
    static final Pattern ENTRY_ID = Pattern.compile("\\d{1,19}-\\d{1,19}");

    private final UnifiedJedis redis;
    private final String key;
    private final long maxLength;

    /**
     * Creates the chat room in the stream at {@code key}, which keeps about {@code maxLength}
     * messages: Redis may keep a few more, because it trims whole internal nodes at a time.
     */
    public ChatStream(UnifiedJedis redis, String key, long maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, got " + maxLength);
        }
        this.redis = redis;
        this.key = key;
        this.maxLength = maxLength;
    }

    public String key() {
        return key;
    }

    /**
     * Appends a message and returns the entry id Redis gave it.
     *
     * @param messageId an id the client chose for this message. A client that retries a publish
     *                  sends the same one, so a consumer can drop the duplicate.
     * @throws InvalidFieldException when a field is missing, blank or too long
     */
    public String publish(String user, String message, String messageId) {
        requireText(ChatMessage.USER, user, MAX_USER_LENGTH);
        requireText(ChatMessage.MESSAGE, message, MAX_MESSAGE_LENGTH);
        requireText(ChatMessage.MESSAGE_ID, messageId, MAX_MESSAGE_ID_LENGTH);

        throw new UnsupportedOperationException("TODO step 1: append the message with XADD and trim the stream to about maxLength");
    }

    /**
     * Returns up to {@code limit} messages older than the entry {@code before}, or the newest
     * messages when {@code before} is null. The messages come oldest first, as a chat shows them.
     *
     * @throws InvalidFieldException when {@code before} is not an entry id or {@code limit} is out of range
     */
    public ChatPage page(String before, int limit) {
        if (before != null && !ENTRY_ID.matcher(before).matches()) {
            throw new InvalidFieldException("before", "before must be a stream entry id such as 1718000000000-0, got " + before);
        }
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new InvalidFieldException("limit", "limit must be between 1 and " + MAX_PAGE_SIZE + ", got " + limit);
        }

        throw new UnsupportedOperationException("TODO step 2: read the newest messages before the cursor with XREVRANGE, then put them oldest first");
    }

    private static void requireText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, field + " is missing or blank");
        }
        if (value.length() > maxLength) {
            throw new InvalidFieldException(field, field + " has " + value.length() + " characters; the maximum is " + maxLength);
        }
    }
}
