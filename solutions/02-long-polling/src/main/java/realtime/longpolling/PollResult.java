package realtime.longpolling;

import java.util.List;

/**
 * The response to one poll: the messages after the client's cursor, oldest first, and the cursor to
 * send next time (the {@code seq} of the last message here, or the old cursor when there are none).
 */
public record PollResult(List<Message> messages, long cursor) {

    public PollResult {
        messages = List.copyOf(messages);
    }

    public static PollResult none(long cursor) {
        return new PollResult(List.of(), cursor);
    }

    public boolean hasMessages() {
        return !messages.isEmpty();
    }
}
