package realtime.redisstreams;

import java.util.Map;
import redis.clients.jedis.resps.StreamEntry;

/**
 * One chat message as stored in the stream.
 *
 * @param id        the stream entry id Redis assigned, such as {@code 1718000000000-0}
 * @param user      who wrote it
 * @param message   what they wrote
 * @param messageId the id the client chose, so a retried publish can be recognised downstream
 */
public record ChatMessage(String id, String user, String message, String messageId) {

    static final String USER = "user";
    static final String MESSAGE = "message";
    static final String MESSAGE_ID = "messageId";

    /** Reads a message from a stream entry; a field the entry lacks becomes an empty string. */
    public static ChatMessage from(StreamEntry entry) {
        Map<String, String> fields = entry.getFields() == null ? Map.of() : entry.getFields();
        return new ChatMessage(entry.getID().toString(),
                fields.getOrDefault(USER, ""),
                fields.getOrDefault(MESSAGE, ""),
                fields.getOrDefault(MESSAGE_ID, ""));
    }
}
