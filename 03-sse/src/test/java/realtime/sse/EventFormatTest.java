package realtime.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("step-1")
@DisplayName("Step 1: EventFormat writes events in the text/event-stream format")
class EventFormatTest {

    @Test
    @DisplayName("writes the id, the type, the data and a blank line")
    void writesIdTypeAndData() {
        String frame = EventFormat.event(new SseEvent(7, "price", "{\"symbol\":\"ACME\"}"));

        assertThat(frame)
                .as("Step 1: an event is an id line, an event line, a data line and a blank line. See EventFormat.event.")
                .isEqualTo("id: 7\nevent: price\ndata: {\"symbol\":\"ACME\"}\n\n");
    }

    @Test
    @DisplayName("writes one data line per line of data")
    void writesOneDataLinePerLine() {
        String frame = EventFormat.event(new SseEvent(8, "notification", "{\n  \"title\": \"Deploy\"\n}"));

        assertThat(frame)
                .as("Step 1: each line of the data needs its own 'data: ' prefix; after one 'data:' a line break "
                        + "would end the field and the next line would be read as a field of its own. See EventFormat.event.")
                .isEqualTo("id: 8\nevent: notification\ndata: {\ndata:   \"title\": \"Deploy\"\ndata: }\n\n");
    }

    @Test
    @DisplayName("splits data on CRLF and CR as well as LF")
    void splitsOnEveryLineEnding() {
        String frame = EventFormat.event(new SseEvent(9, "note", "a\r\nb\rc\nd"));

        assertThat(frame)
                .as("Step 1: readers end a line at CRLF, CR or LF, so a CR left inside a data line ends it early. See EventFormat.event.")
                .isEqualTo("id: 9\nevent: note\ndata: a\ndata: b\ndata: c\ndata: d\n\n");
    }

    @Test
    @DisplayName("keeps a trailing line break as an empty data line")
    void keepsTrailingLineBreak() {
        String frame = EventFormat.event(new SseEvent(10, "note", "\"text\"\n"));

        assertThat(frame)
                .as("Step 1: data that ends with a line break needs a last, empty data line, or the client loses the break. "
                        + "Split with a limit of -1 in EventFormat.event.")
                .isEqualTo("id: 10\nevent: note\ndata: \"text\"\ndata: \n\n");
    }

    @Test
    @DisplayName("writes the retry delay in milliseconds")
    void writesRetry() {
        assertThat(EventFormat.retry(Duration.ofSeconds(2))).isEqualTo("retry: 2000\n\n");
    }

    @Test
    @DisplayName("writes a comment on one line")
    void writesComment() {
        assertThat(EventFormat.comment("heart\nbeat")).isEqualTo(": heart beat\n\n");
    }
}
