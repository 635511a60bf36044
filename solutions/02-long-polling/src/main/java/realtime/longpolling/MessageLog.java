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
        // >>> step 1: number the message with the next sequence number and keep it
        lastSeq++;
        Message message = new Message(lastSeq, text, clock.instant().toString());
        messages.addLast(message);
        if (messages.size() > capacity) {
            messages.removeFirst();
        }
        return message;
        // <<< step 1
    }

    /** Returns up to {@code max} messages whose seq is greater than the cursor, oldest first. */
    public synchronized PollResult after(long cursor, int max) {
        // >>> step 1: return the oldest messages after the cursor and the cursor to send next
        // Walk back from the newest message: a client that is up to date costs one comparison.
        List<Message> newer = new ArrayList<>();
        Iterator<Message> newestFirst = messages.descendingIterator();
        while (newestFirst.hasNext()) {
            Message message = newestFirst.next();
            if (message.seq() <= cursor) {
                break;
            }
            newer.add(message);
        }
        Collections.reverse(newer);

        List<Message> batch = newer.size() > max ? newer.subList(0, max) : newer;
        long next = batch.isEmpty() ? cursor : batch.get(batch.size() - 1).seq();
        return new PollResult(batch, next);
        // <<< step 1
    }

    /** Returns the seq of the newest message, or 0 before the first one. */
    public synchronized long lastSeq() {
        return lastSeq;
    }
}
