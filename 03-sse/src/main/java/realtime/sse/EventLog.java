package realtime.sse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The bounded history of published events. Ids start at 1 and only increase; when the history is
 * full, the oldest event is dropped. Not thread-safe: {@link NotificationStream} calls it under
 * its lock.
 */
public final class EventLog {

    private final int capacity;
    private final Deque<SseEvent> events = new ArrayDeque<>();
    private long latestId;

    /** Creates an empty history that keeps at most {@code capacity} events. */
    public EventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("The history must keep at least 1 event, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Restores events a previous run published, in id order, so ids continue after the last one. */
    public void restore(List<SseEvent> previous) {
        for (SseEvent event : previous) {
            if (event.id() <= latestId) {
                throw new IllegalArgumentException("Restored ids must increase: " + event.id() + " after " + latestId);
            }
            events.addLast(event);
            latestId = event.id();
        }
        while (events.size() > capacity) {
            events.removeFirst();
        }
    }

    /** Gives the event the next id, keeps it in the history and returns it. */
    public SseEvent append(String type, String data) {
        throw new UnsupportedOperationException("TODO step 2: give the event the next id and keep it, dropping the oldest when full");
    }

    /**
     * Returns the events after {@code lastEventId}, or a reset when events after it have been
     * dropped from the history or when the id was never issued.
     */
    public Replay after(long lastEventId) {
        throw new UnsupportedOperationException("TODO step 3: return the events after lastEventId, or a reset when they are not all kept");
    }

    /** Returns the id of the newest event, 0 before the first. */
    public long latestId() {
        return latestId;
    }

    /** Returns the events still in the history, oldest first. */
    public List<SseEvent> snapshot() {
        return List.copyOf(events);
    }
}
