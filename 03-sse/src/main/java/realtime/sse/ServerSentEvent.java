package realtime.sse;

/**
 * An event as a client receives it, with the fields a browser's {@code MessageEvent} has.
 *
 * @param type        the event type; {@code message} when the server sent no {@code event:} field
 * @param data        the data lines joined with line feeds
 * @param lastEventId the stream's last event id when this event was dispatched; an event without
 *                    an {@code id:} field keeps the previous one
 */
public record ServerSentEvent(String type, String data, String lastEventId) {
}
