package realtime.sse;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Starts the notification server on port 7003 with a stock ticker, and keeps its events in a
 * journal file so you can stop and restart it and watch the page resume.
 *
 * <p>Run it with {@code ./mvnw -q -pl 03-sse compile exec:java -Psolutions} (or without
 * {@code -Psolutions} for your own code), then open http://localhost:7003/.
 */
public final class NotificationDemo {

    private static final int PORT = 7003;

    private NotificationDemo() {
    }

    public static void main(String[] args) {
        StreamSettings settings = StreamSettings.defaults();
        Path journalFile = Path.of(System.getProperty("java.io.tmpdir"), "realtime-workbook", "03-sse-events.jsonl");
        EventJournal journal = EventJournal.open(journalFile, settings.historySize());
        NotificationStream stream = new NotificationStream(settings, journal.restored(), journal::append);
        NotificationServer server;
        try {
            server = NotificationServer.start("localhost", PORT, stream);
        } catch (RuntimeException e) {
            stream.close();
            journal.close();
            System.err.println("Could not start the server on port " + PORT + ": " + e.getMessage()
                    + ". Is another demo still running? Stop it and try again.");
            throw e;
        }
        StockTicker ticker = new StockTicker(stream);
        ticker.start(Duration.ofSeconds(1));

        System.out.println("Open http://localhost:" + PORT + "/ and watch the prices and notifications.");
        System.out.println("Events are kept in " + journalFile + "; stop with Ctrl+C and start again to see the page resume.");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ticker.close();
            stream.close();
            server.close();
            journal.close();
        }, "shutdown"));
    }
}
