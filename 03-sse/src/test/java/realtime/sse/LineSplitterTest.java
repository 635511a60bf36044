package realtime.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Tag("step-5")
@DisplayName("Step 5: LineSplitter ends lines at CRLF, LF and CR, across chunks")
class LineSplitterTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("LF ends a line", List.of("a\nb\n"), List.of("a", "b")),
                Arguments.of("CRLF ends a line", List.of("a\r\nb\r\n"), List.of("a", "b")),
                Arguments.of("CR alone ends a line", List.of("a\rb\r"), List.of("a", "b")),
                Arguments.of("mixed endings", List.of("a\rb\nc\r\nd\n"), List.of("a", "b", "c", "d")),
                Arguments.of("CR CR is two lines", List.of("a\r\rb\n"), List.of("a", "", "b")),
                Arguments.of("LF CR is two line endings", List.of("a\n\rb\n"), List.of("a", "", "b")),
                Arguments.of("blank lines are lines", List.of("\n\r\n\r"), List.of("", "", "")),
                Arguments.of("CRLF split across chunks", List.of("a\r", "\nb\n"), List.of("a", "b")),
                Arguments.of("CR at a chunk end, then text", List.of("a\r", "b\n"), List.of("a", "b")),
                Arguments.of("a line split across chunks", List.of("da", "ta: x", "\n"), List.of("data: x")),
                Arguments.of("an unfinished last line waits", List.of("a\nb"), List.of("a")),
                Arguments.of("one leading BOM is dropped", List.of("\uFEFFa\n"), List.of("a")),
                Arguments.of("only the first BOM is dropped", List.of("\uFEFF\uFEFFa\n"), List.of("\uFEFFa")),
                Arguments.of("a BOM after the start is text", List.of("a\n\uFEFFb\n"), List.of("a", "\uFEFFb")),
                Arguments.of("a BOM in its own first chunk", List.of("\uFEFF", "a\n"), List.of("a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("splits lines")
    void splitsLines(String name, List<String> chunks, List<String> expected) {
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(lines::add);

        chunks.forEach(splitter::feed);

        assertThat(lines).as("Step 5: %s; chunks %s. See LineSplitter.feed.", name, printable(chunks)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("splits the same lines when fed one character at a time")
    void splitsLinesCharByChar(String name, List<String> chunks, List<String> expected) {
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(lines::add);

        String whole = String.join("", chunks);
        for (int i = 0; i < whole.length(); i++) {
            splitter.feed(whole.substring(i, i + 1));
        }

        assertThat(lines)
                .as("Step 5: %s, one character per chunk; the network may cut the stream anywhere. See LineSplitter.feed.", name)
                .isEqualTo(expected);
    }

    @Test
    @DisplayName("keeps an unfinished line for the next chunk")
    void keepsUnfinishedLine() {
        List<String> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(lines::add);

        splitter.feed("data: par");

        assertThat(lines).as("Step 5: no line ending yet, so no line").isEmpty();
        assertThat(splitter.unfinishedLine()).isEqualTo("data: par");
    }

    static String printable(List<String> chunks) {
        return chunks.stream().map(chunk -> chunk.replace("\r", "\\r").replace("\n", "\\n").replace("\uFEFF", "<BOM>")).toList().toString();
    }
}
