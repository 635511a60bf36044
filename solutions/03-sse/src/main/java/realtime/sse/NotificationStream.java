package realtime.sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream of events every client receives: it numbers events, keeps a bounded history for
 * clients that reconnect, fans each event out to the connected clients and sends heartbeats.
 */
public final class NotificationStream implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationStream.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    // Publishing, opening and resuming all hold this lock, so a client joins the stream exactly
    // between two events: it misses none and gets none twice.
    private final Object lock = new Object();
    private final StreamSettings settings;
    private final EventLog log;
    private final Consumer<SseEvent> onPublish;
    private final Set<ClientConnection> clients = new CopyOnWriteArraySet<>();
    private final ExecutorService writers;
    private final ScheduledExecutorService heartbeats;
    private long joined;
    private long left;

    /** Creates a stream with an empty history. */
    public NotificationStream(StreamSettings settings) {
        this(settings, List.of(), event -> { });
    }

    /**
     * Creates a stream whose history starts with events a previous run published, and which hands
     * every new event to {@code onPublish} (for example a journal) before any client sees it.
     */
    public NotificationStream(StreamSettings settings, List<SseEvent> restored, Consumer<SseEvent> onPublish) {
        this.settings = settings;
        this.log = new EventLog(settings.historySize());
        this.log.restore(restored);
        this.onPublish = onPublish;
        // NOTE: writes block, so a client that stops reading holds one of these threads until
        // Jetty's idle timeout (30 s by default) fails its write. Non-blocking writes would fix that.
        this.writers = Executors.newFixedThreadPool(4, daemon("sse-writer"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("sse-heartbeat"));
        long period = settings.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(this::heartbeat, period, period, TimeUnit.MILLISECONDS);
    }

    /** Creates a connection for a client that is about to open or resume the stream. */
    public ClientConnection newConnection() {
        return new ClientConnection(writers, settings.maxQueuedFrames(), this::leave);
    }

    /**
     * Publishes an event of the given type whose data is JSON text, and returns it with its id.
     *
     * @throws IllegalArgumentException when the type is not one word or the data is not JSON
     */
    public SseEvent publish(String type, String data) {
        requireValidType(type);
        requireJson(data);
        synchronized (lock) {
            SseEvent event = log.append(type, data);
            onPublish.accept(event);
            broadcast(event);
            return event;
        }
    }

    /** Sends the retry delay to a new client and adds it to the live stream. */
    public void open(ClientConnection connection) {
        // >>> step 2: send the retry delay, then add the client to the live stream
        synchronized (lock) {
            connection.send(EventFormat.retry(settings.retry()));
            clients.add(connection);
            joined++;
        }
        // <<< step 2
    }

    /**
     * Adds a client that reconnected after {@code lastEventId}: it first gets the events it missed,
     * or a {@code reset} event when they are no longer kept, and then the live stream.
     */
    public void resume(ClientConnection connection, long lastEventId) {
        // >>> step 3: replay what the client missed and join it live, with no event in between
        synchronized (lock) {
            open(connection);
            Replay replay = log.after(lastEventId);
            if (replay instanceof Replay.Missed missed) {
                for (SseEvent event : missed.events()) {
                    connection.send(EventFormat.event(event));
                }
            } else if (replay instanceof Replay.Reset reset) {
                connection.send(EventFormat.event(resetEvent(reset)));
            }
        }
        // <<< step 3
    }

    /** Returns the newest id and the events still in the history, read together. */
    public History history() {
        synchronized (lock) {
            return new History(log.latestId(), log.snapshot());
        }
    }

    public StreamStats stats() {
        synchronized (lock) {
            return new StreamStats(clients.size(), joined, left, log.latestId());
        }
    }

    /** Closes every client connection and stops the heartbeat and writer threads. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        for (ClientConnection client : clients) {
            // One client that fails to close must not keep the others open.
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.warn("Could not close {}: {}", client, e.toString());
            }
        }
        writers.shutdown();
    }

    /** The newest id and the events still in the history, for a client that loads its state. */
    public record History(long latestId, List<SseEvent> events) {
    }

    // Called under the lock, so every client gets events in id order.
    private void broadcast(SseEvent event) {
        // >>> step 2: send the event to every connected client
        String frame = EventFormat.event(event);
        for (ClientConnection client : clients) {
            client.send(frame);
        }
        // <<< step 2
    }

    /** Removes a client; {@link ClientConnection#close} calls it once per client. */
    void leave(ClientConnection connection) {
        // >>> step 4: remove the client from the stream and count it as left
        synchronized (lock) {
            clients.remove(connection);
            left++;
        }
        // <<< step 4
    }

    // A comment goes to every client: proxies see traffic, and a client that vanished fails the write.
    private void heartbeat() {
        String frame = EventFormat.comment("heartbeat");
        for (ClientConnection client : clients) {
            client.send(frame);
        }
    }

    // The reset takes the latest id, so the client resumes from here after it reloads its state.
    private static SseEvent resetEvent(Replay.Reset reset) {
        Map<String, Object> data = Map.of(
                "reason", "Last-Event-ID " + reset.lastEventId() + " is not in the history; reload your state",
                "lastEventId", reset.lastEventId(),
                "oldestId", reset.oldestId(),
                "latestId", reset.latestId());
        return new SseEvent(reset.latestId(), "reset", toJson(data));
    }

    private static void requireValidType(String type) {
        if (type == null || !type.matches("[A-Za-z][A-Za-z0-9_.-]{0,63}")) {
            throw new IllegalArgumentException("An event type must be a word of letters, digits, '_', '.' or '-', got " + type);
        }
    }

    private static void requireJson(String data) {
        if (data == null || data.isBlank()) {
            throw new IllegalArgumentException("Event data must be JSON text, got " + (data == null ? "null" : "a blank string"));
        }
        try {
            JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event data must be JSON text, got " + data, e);
        }
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write " + value + " as JSON", e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
