package realtime.sse;

import java.util.function.Consumer;

/**
 * Splits a text/event-stream into lines, however the network cuts it into chunks. A line ends with
 * CRLF, LF or CR. One byte order mark at the very start of the stream is dropped.
 */
public final class LineSplitter {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final Consumer<String> lines;
    private final StringBuilder line = new StringBuilder();
    private boolean started;
    private boolean afterCarriageReturn;

    /** Creates a splitter that hands each complete line, without its line ending, to {@code lines}. */
    public LineSplitter(Consumer<String> lines) {
        this.lines = lines;
    }

    /**
     * Reads the next chunk of the stream. A line that the chunk does not finish waits for the next
     * chunk; a CRLF may be split between two chunks.
     */
    public void feed(CharSequence chunk) {
        throw new UnsupportedOperationException("TODO step 5: drop one leading BOM, then end a line at CRLF, LF or CR, even across chunks");
    }

    /** Characters of a line that no line ending has finished yet; dropped when the stream ends. */
    public String unfinishedLine() {
        return line.toString();
    }
}
