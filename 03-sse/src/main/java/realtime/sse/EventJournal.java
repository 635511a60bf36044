package realtime.sse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A file of published events, one JSON object a line, so a restarted server keeps its ids and
 * history and a reconnecting client resumes without loss. The file keeps only the newest events.
 */
public final class EventJournal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventJournal.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<SseEvent> restored;
    private final BufferedWriter writer;

    private EventJournal(List<SseEvent> restored, BufferedWriter writer) {
        this.restored = restored;
        this.writer = writer;
    }

    /**
     * Opens the journal, reads the newest {@code keep} events a previous run wrote, and rewrites
     * the file with only those, so it does not grow without bound.
     */
    public static EventJournal open(Path file, int keep) {
        try {
            List<SseEvent> events = new ArrayList<>();
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    read(line, file).ifPresent(events::add);
                }
            }
            List<SseEvent> kept = List.copyOf(events.subList(Math.max(0, events.size() - keep), events.size()));
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path compacted = Files.createTempFile(parent, "journal", ".tmp");
            try (BufferedWriter out = Files.newBufferedWriter(compacted, StandardCharsets.UTF_8)) {
                for (SseEvent event : kept) {
                    out.write(JSON.writeValueAsString(event));
                    out.newLine();
                }
            }
            Files.move(compacted, file, StandardCopyOption.REPLACE_EXISTING);
            BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            return new EventJournal(kept, writer);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not open the event journal " + file, e);
        }
    }

    /** Returns the events the previous run published, oldest first. */
    public List<SseEvent> restored() {
        return restored;
    }

    /** Appends an event and flushes it, so a stop right after a publish loses nothing. */
    public synchronized void append(SseEvent event) {
        try {
            writer.write(JSON.writeValueAsString(event));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not append event " + event.id() + " to the journal", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            LOG.warn("Could not close the event journal: {}", e.toString());
        }
    }

    private static Optional<SseEvent> read(String line, Path file) {
        if (line.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(line);
            JsonNode id = node.path("id");
            JsonNode type = node.path("type");
            JsonNode data = node.path("data");
            if (id.canConvertToLong() && type.isTextual() && data.isTextual()) {
                return Optional.of(new SseEvent(id.asLong(), type.asText(), data.asText()));
            }
        } catch (IOException e) {
            // Reported below like any other unreadable line.
        }
        // A line cut short by a crash is expected at most at the end; skip it and keep the rest.
        LOG.warn("Skipping an unreadable line in {}: {}", file, line);
        return Optional.empty();
    }
}
