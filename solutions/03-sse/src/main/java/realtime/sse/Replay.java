package realtime.sse;

import java.util.List;

/** The result of a reconnect with a Last-Event-ID: the events the client gets before it joins the live stream. */
public sealed interface Replay {

    /** The events after the client's last id, oldest first; empty when the client missed nothing. */
    record Missed(List<SseEvent> events) implements Replay {
    }

    /**
     * The client's last id is no longer in the history, or was never issued (the server lost its
     * state), so the client must reload its state instead of replaying.
     */
    record Reset(long lastEventId, long oldestId, long latestId) implements Replay {
    }
}
