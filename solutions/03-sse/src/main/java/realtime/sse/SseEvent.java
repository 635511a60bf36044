package realtime.sse;

/**
 * An event the server published: its id in the stream, its type and its data as JSON text. The
 * data may span several lines, for example pretty-printed JSON.
 */
public record SseEvent(long id, String type, String data) {
}
