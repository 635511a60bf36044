package realtime.redisstreams;

import java.util.LinkedHashMap;
import java.util.Map;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.XAddParams;

/**
 * The document-update stream the consumer-group tests work on: each entry is one edit of a
 * shared document, {@code docId}, {@code updateId} (the idempotency id) and {@code text}.
 */
final class DocumentUpdates {

    static final String DOC_ID = "docId";
    static final String UPDATE_ID = "updateId";
    static final String TEXT = "text";

    private DocumentUpdates() {
    }

    /** Appends one update and returns its entry id. */
    static String append(UnifiedJedis redis, String stream, String docId, String updateId, String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(DOC_ID, docId);
        fields.put(UPDATE_ID, updateId);
        fields.put(TEXT, text);
        return redis.xadd(stream, XAddParams.xAddParams(), fields).toString();
    }
}
