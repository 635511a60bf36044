package realtime.sse;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Parses a text/event-stream into events by the rules browsers follow (the WHATWG HTML standard,
 * section "Server-sent events", "Interpreting an event stream"). Feed it the decoded text in
 * chunks of any size; call {@link #end} when the connection ends.
 */
public final class EventStreamParser {

    private final Consumer<ServerSentEvent> events;
    private final LineSplitter lines = new LineSplitter(this::processLine);
    private final StringBuilder data = new StringBuilder();
    private String eventType = "";
    private String lastEventIdBuffer;
    private String lastEventId;
    private Duration retry;
    private boolean ended;

    /**
     * Creates a parser for one connection. {@code lastEventId} is the id the client had when it
     * connected, "" for a first connection; events without an {@code id:} field carry it.
     */
    public EventStreamParser(String lastEventId, Consumer<ServerSentEvent> events) {
        this.events = events;
        this.lastEventId = lastEventId;
        this.lastEventIdBuffer = lastEventId;
    }

    /** Parses the next chunk of decoded text and dispatches every event it completes. */
    public void feed(CharSequence chunk) {
        if (ended) {
            throw new IllegalStateException("The stream has ended; create a new parser for the next connection");
        }
        lines.feed(chunk);
    }

    /** Ends the stream: an event that no blank line finished is dropped, as browsers drop it. */
    public void end() {
        ended = true;
        data.setLength(0);
        eventType = "";
    }

    /** Returns the id a reconnecting client sends as Last-Event-ID; "" when it has none. */
    public String lastEventId() {
        return lastEventId;
    }

    /** Returns the reconnection delay the server requested with a {@code retry:} field, if any. */
    public Optional<Duration> retry() {
        return Optional.ofNullable(retry);
    }

    private void processLine(String line) {
        // >>> step 6: dispatch on a blank line, skip comments, split the field name from its value
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            return;
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            processField(line, "");
            return;
        }
        String value = line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        processField(line.substring(0, colon), value);
        // <<< step 6
    }

    private void processField(String name, String value) {
        // >>> step 6: apply the event, data, id and retry fields and ignore any other
        switch (name) {
            case "event" -> eventType = value;
            case "data" -> data.append(value).append('\n');
            case "id" -> {
                if (value.indexOf('\u0000') < 0) {
                    lastEventIdBuffer = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    retry = parseMillis(value);
                }
            }
            default -> {
                // Unknown fields are ignored, so servers can add fields without breaking clients.
            }
        }
        // <<< step 6
    }

    private void dispatch() {
        // >>> step 6: set the last event id, then send the event unless it has no data
        lastEventId = lastEventIdBuffer;
        if (data.length() == 0) {
            eventType = "";
            return;
        }
        data.setLength(data.length() - 1);
        String type = eventType.isEmpty() ? "message" : eventType;
        ServerSentEvent event = new ServerSentEvent(type, data.toString(), lastEventId);
        data.setLength(0);
        eventType = "";
        events.accept(event);
        // <<< step 6
    }

    // Digits too many for a long still mean "a very long delay", not an error.
    private static Duration parseMillis(String digits) {
        try {
            return Duration.ofMillis(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return Duration.ofMillis(Long.MAX_VALUE);
        }
    }
}
