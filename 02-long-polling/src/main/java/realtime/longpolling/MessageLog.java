package realtime.longpolling;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The feed's messages in publishing order, each numbered by the server. Keeps the newest
 * {@code capacity} messages; a client whose cursor is older than that misses the dropped ones.
 * Thread-safe. Not final, so that a test can intercept a read and publish in the middle of a poll.
 */
public class MessageLog {

    private final Clock clock;
    private final int capacity;
    private final Deque<Message> messages = new ArrayDeque<>();
    private long lastSeq;

    public MessageLog(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Stores a message under the next sequence number and returns it. */
    public synchronized Message append(String text) {
        throw new UnsupportedOperationException("TODO step 1: number the message with the next sequence number and keep it");
    }

    /** Returns up to {@code max} messages whose seq is greater than the cursor, oldest first. */
    public synchronized PollResult after(long cursor, int max) {
        throw new UnsupportedOperationException("TODO step 1: return the oldest messages after the cursor and the cursor to send next");
    }

    /** Returns the seq of the newest message, or 0 before the first one. */
    public synchronized long lastSeq() {
        return lastSeq;
    }
}
