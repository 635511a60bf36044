package realtime.websockets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chat client on Java-WebSocket's {@link WebSocketClient} that survives a lost connection: it
 * reconnects with {@link Backoff}, rejoins its rooms with the last sequence it saw in each, and
 * so gets exactly the events it missed. The library replies to the server's pings with pongs.
 *
 * <p>A {@link WebSocketClient} cannot connect twice, so each attempt uses a new one.
 */
public final class ChatClient implements AutoCloseable {

    /** Receives what the client gets, on the client's reading thread. */
    public interface Listener {

        /** A say or presence event, live or from a history, in sequence order; or an ack or error. */
        void onMessage(JsonNode message);

        /** Called when the server could not resume a room. Drop what is shown for it, because its retained events follow. */
        default void onReset(String room, JsonNode reset) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChatClient.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI uri;
    private final Backoff backoff;
    private final Duration pingInterval;
    private final Listener listener;
    // The rooms joined and the last sequence seen in each; absent until the room's first history.
    private final Map<String, Long> lastSeq = new ConcurrentHashMap<>();
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-client-reconnect");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Long> attemptTimes = new CopyOnWriteArrayList<>();
    private int failedAttempts;
    private Socket socket;
    private boolean closed;

    private ChatClient(URI uri, Backoff backoff, Duration pingInterval, Listener listener) {
        this.uri = uri;
        this.backoff = backoff;
        this.pingInterval = pingInterval;
        this.listener = listener;
    }

    /**
     * Starts connecting and returns at once; the client keeps trying until {@link #close()}.
     *
     * @param pingInterval how often the client pings the server to find out that it is gone; whole seconds
     */
    public static ChatClient start(URI uri, Backoff backoff, Duration pingInterval, Listener listener) {
        ChatClient client = new ChatClient(uri, backoff, pingInterval, listener);
        client.reconnects.execute(client::connect);
        return client;
    }

    /** Joins a room now if connected, and again after every reconnect. */
    public synchronized void join(String room) {
        rooms.add(room);
        if (socket != null && socket.isOpen()) {
            socket.join(room, lastSeq(room));
        }
    }

    /** Sends a say and returns true, or returns false when not connected. Queuing while offline is left to the caller. */
    public synchronized boolean say(String room, String text, String id) {
        if (socket == null || !socket.isOpen()) {
            return false;
        }
        ObjectNode say = MAPPER.createObjectNode().put("type", "say").put("room", room).put("text", text).put("id", id);
        try {
            socket.send(say.toString());
            return true;
        } catch (WebsocketNotConnectedException e) {
            // Closed between the check and the send; the reconnect loop takes over.
            return false;
        }
    }

    public synchronized boolean isConnected() {
        return socket != null && socket.isOpen();
    }

    /** Returns how many connections opened so far, reconnects included. */
    public int connections() {
        return connections.get();
    }

    /** When each connection attempt started, in {@link System#nanoTime()} units. */
    public List<Long> attemptTimes() {
        return List.copyOf(attemptTimes);
    }

    /** Returns the last sequence seen in a room, or -1 before its first history. */
    public long lastSeq(String room) {
        return lastSeq.getOrDefault(room, -1L);
    }

    @Override
    public synchronized void close() {
        closed = true;
        reconnects.shutdownNow();
        if (socket != null) {
            socket.close();
        }
    }

    private synchronized void connect() {
        if (closed) {
            return;
        }
        attemptTimes.add(System.nanoTime());
        socket = new Socket(uri);
        socket.setConnectionLostTimeout((int) Math.max(1, pingInterval.toSeconds()));
        socket.connect();
    }

    private synchronized void opened(Socket opened) {
        if (opened != socket) {
            return;
        }
        failedAttempts = 0;
        connections.incrementAndGet();
        rejoin(opened);
    }

    // Joins every room again, resuming each from the last sequence seen.
    private void rejoin(Socket opened) {
        throw new UnsupportedOperationException("TODO step 7: rejoin every room, with since set to the last sequence seen in it");
    }

    private synchronized void lost(Socket lost, int code, String reason) {
        if (closed || lost != socket) {
            return;
        }
        scheduleReconnect(code, reason);
    }

    private void scheduleReconnect(int code, String reason) {
        throw new UnsupportedOperationException("TODO step 7: wait the backoff's delay for this attempt, then connect again");
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = MAPPER.readTree(text);
        } catch (IOException e) {
            LOG.warn("Ignoring a message that is not JSON: {}", text);
            return;
        }
        String type = message.path("type").asText();
        String room = message.path("room").asText();
        switch (type) {
            case "say", "presence" -> deliver(room, message);
            case "history" -> {
                message.path("messages").forEach(event -> deliver(room, event));
                lastSeq.merge(room, message.path("latest").asLong(), Math::max);
            }
            case "reset" -> {
                listener.onReset(room, message);
                lastSeq.put(room, 0L);
                message.path("messages").forEach(event -> deliver(room, event));
                lastSeq.put(room, message.path("latest").asLong());
            }
            default -> listener.onMessage(message);
        }
    }

    private void deliver(String room, JsonNode event) {
        lastSeq.put(room, event.path("seq").asLong());
        listener.onMessage(event);
    }

    /** One connection attempt. */
    private final class Socket extends WebSocketClient {

        private final Set<String> joined = new HashSet<>();

        Socket(URI uri) {
            super(uri);
        }

        // Sends a join, with since when it is 0 or more. Called with the ChatClient's lock held,
        // so a join and a rejoin on one connection never both go out.
        void join(String room, long since) {
            if (!joined.add(room)) {
                return;
            }
            ObjectNode join = MAPPER.createObjectNode().put("type", "join").put("room", room);
            if (since >= 0) {
                join.put("since", since);
            }
            send(join.toString());
        }

        @Override
        public void onOpen(ServerHandshake handshake) {
            opened(this);
        }

        @Override
        public void onMessage(String message) {
            received(message);
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {
            lost(this, code, reason);
        }

        @Override
        public void onError(Exception error) {
            // onClose follows and decides about reconnecting.
            LOG.debug("Connection error: {}", error.toString());
        }
    }
}
