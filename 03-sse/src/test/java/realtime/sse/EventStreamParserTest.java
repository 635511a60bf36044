package realtime.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of "Interpreting an event stream" in the WHATWG HTML standard, one case a row. Each
 * case runs three times: as one chunk, one character a chunk, and cut in two at every position.
 */
@Tag("step-6")
@DisplayName("Step 6: EventStreamParser turns lines into events as browsers do")
class EventStreamParserTest {

    private static final String NUL = "\u0000";
    private static final String BOM = "\uFEFF";

    /** The expected result of a case: the events, the last event id after the stream, and the retry delay. */
    record Expected(List<ServerSentEvent> events, String lastEventId, Long retryMillis) {
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("data and a blank line make a message", "data: hello\n\n", events(message("hello", "")), "", null),
                row("the event field sets the type", "event: price\ndata: 1\n\n", events(event("price", "1", "")), "", null),
                row("the type resets after each event", "event: a\ndata: 1\n\ndata: 2\n\n",
                        events(event("a", "1", ""), message("2", "")), "", null),
                row("data lines join with a line feed", "data: a\ndata: b\n\n", events(message("a\nb", "")), "", null),
                row("only one trailing line feed is removed", "data: a\ndata:\n\n", events(message("a\n", "")), "", null),
                row("a field without a colon has an empty value", "data\n\n", events(message("", "")), "", null),
                row("an event field without a colon means the default type", "event\ndata: x\n\n", events(message("x", "")), "", null),
                row("one leading space is removed", "data:  two\n\n", events(message(" two", "")), "", null),
                row("no space after the colon is fine", "data:x\n\n", events(message("x", "")), "", null),
                row("a colon in the value is kept", "data: a: b\n\n", events(message("a: b", "")), "", null),
                row("a value of one space is empty", "data: \n\n", events(message("", "")), "", null),
                row("comments are ignored", ": hello\ndata: x\n: again\n\n", events(message("x", "")), "", null),
                row("a comment alone dispatches nothing", ": heartbeat\n\n", events(), "", null),
                row("unknown fields are ignored", "foo: bar\ndata: x\n\n", events(message("x", "")), "", null),
                row("field names are case-sensitive", "Data: x\n\n", events(), "", null),
                row("an id names the event", "id: 7\ndata: x\n\n", events(message("x", "7")), "7", null),
                row("the id carries on to later events", "id: 7\ndata: x\n\ndata: y\n\n",
                        events(message("x", "7"), message("y", "7")), "7", null),
                row("an id without data still sets the last event id", "id: 7\n\n", events(), "7", null),
                row("an empty id resets the last event id", "id: 7\ndata: x\n\nid\ndata: y\n\n",
                        events(message("x", "7"), message("y", "")), "", null),
                row("an id with a colon and no value resets too", "id: 7\n\nid:\n\n", events(), "", null),
                row("an id containing NULL is ignored", "id: 7\ndata: x\n\nid: 8" + NUL + "9\ndata: y\n\n",
                        events(message("x", "7"), message("y", "7")), "7", null),
                row("only one space is removed from an id", "id:  5\ndata: x\n\n", events(message("x", " 5")), " 5", null),
                row("an id takes effect only on a blank line", "id: 7\ndata: x\n", events(), "", null),
                row("retry sets the delay in milliseconds", "retry: 2500\n", events(), "", 2500L),
                row("retry with a letter is ignored", "retry: 25x\n", events(), "", null),
                row("retry with a sign is ignored", "retry: -1\n", events(), "", null),
                row("retry with a decimal point is ignored", "retry: 1.5\n", events(), "", null),
                row("retry with two spaces is ignored", "retry:  100\n", events(), "", null),
                row("an invalid retry keeps the last valid one", "retry: 100\nretry: abc\n", events(), "", 100L),
                row("a leading byte order mark is dropped", BOM + "data: x\n\n", events(message("x", "")), "", null),
                row("a second byte order mark makes an unknown field", BOM + BOM + "data: x\n\n", events(), "", null),
                row("CRLF ends lines", "data: a\r\ndata: b\r\n\r\n", events(message("a\nb", "")), "", null),
                row("CR alone ends lines", "data: a\rdata: b\r\r", events(message("a\nb", "")), "", null),
                row("mixed line endings", "id: 1\revent: t\r\ndata: a\ndata: b\r\r\n", events(event("t", "a\nb", "1")), "1", null),
                row("an event with no blank line at the end is dropped", "data: a\n\ndata: b\n", events(message("a", "")), "", null),
                row("an unfinished last line is dropped", "data: a\n\ndata: b", events(message("a", "")), "", null),
                row("an event type without data dispatches nothing", "event: a\n\ndata: x\n\n", events(message("x", "")), "", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("parses a stream given in one chunk")
    void parsesWholeStream(String name, String stream, Expected expected) {
        check(name + ", in one chunk", stream, List.of(stream), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("parses a stream given one character at a time")
    void parsesCharByChar(String name, String stream, Expected expected) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < stream.length(); i++) {
            chunks.add(stream.substring(i, i + 1));
        }
        check(name + ", one character a chunk", stream, chunks, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("parses a stream cut in two anywhere")
    void parsesStreamCutAnywhere(String name, String stream, Expected expected) {
        for (int cut = 1; cut < stream.length(); cut++) {
            check(name + ", cut at " + cut, stream, List.of(stream.substring(0, cut), stream.substring(cut)), expected);
        }
    }

    @Test
    @DisplayName("starts from the last event id of the previous connection")
    void startsFromPreviousLastEventId() {
        List<ServerSentEvent> events = new ArrayList<>();
        EventStreamParser parser = new EventStreamParser("41", events::add);

        parser.feed("data: x\n\n");

        assertThat(events)
                .as("Step 6: an event without an id field carries the id the client resumed from")
                .containsExactly(message("x", "41"));
    }

    private static void check(String description, String stream, List<String> chunks, Expected expected) {
        List<ServerSentEvent> events = new ArrayList<>();
        EventStreamParser parser = new EventStreamParser("", events::add);

        chunks.forEach(parser::feed);
        parser.end();

        String where = "Step 6: " + description + ": stream " + LineSplitterTest.printable(List.of(stream)) + ". See EventStreamParser.";
        assertThat(events).as(where + " Events").isEqualTo(expected.events());
        assertThat(parser.lastEventId()).as(where + " lastEventId()").isEqualTo(expected.lastEventId());
        assertThat(parser.retry().map(Duration::toMillis).orElse(null)).as(where + " retry()").isEqualTo(expected.retryMillis());
    }

    private static Arguments row(String name, String stream, List<ServerSentEvent> events, String lastEventId, Long retryMillis) {
        return Arguments.of(name, stream, new Expected(events, lastEventId, retryMillis));
    }

    private static List<ServerSentEvent> events(ServerSentEvent... events) {
        return List.of(events);
    }

    private static ServerSentEvent message(String data, String lastEventId) {
        return new ServerSentEvent("message", data, lastEventId);
    }

    private static ServerSentEvent event(String type, String data, String lastEventId) {
        return new ServerSentEvent(type, data, lastEventId);
    }
}
