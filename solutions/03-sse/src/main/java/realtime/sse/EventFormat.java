package realtime.sse;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Writes the text/event-stream wire format: each event is a block of {@code field: value} lines
 * that ends with a blank line.
 */
public final class EventFormat {

    // The three line endings the format allows. A reader splits on each, so a writer must too.
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    private EventFormat() {
    }

    /**
     * Formats an event as an {@code id:} line, an {@code event:} line, one {@code data:} line per
     * line of its data, and a blank line.
     */
    public static String event(SseEvent event) {
        // >>> step 1: write the id, the event type and one data line per line of data
        StringBuilder frame = new StringBuilder();
        frame.append("id: ").append(event.id()).append('\n');
        frame.append("event: ").append(event.type()).append('\n');
        // The limit -1 keeps a trailing empty line, so data that ends with a line break survives.
        for (String line : LINE_BREAK.split(event.data(), -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
        // <<< step 1
    }

    /** Formats the reconnection delay that a client waits before it reconnects. */
    public static String retry(Duration delay) {
        return "retry: " + delay.toMillis() + "\n\n";
    }

    /** Formats a comment, which every client ignores: a heartbeat that keeps the connection busy. */
    public static String comment(String text) {
        return ": " + LINE_BREAK.matcher(text).replaceAll(" ") + "\n\n";
    }
}
