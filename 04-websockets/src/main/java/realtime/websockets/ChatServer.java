package realtime.websockets;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.protocols.Protocol;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat over Java-WebSocket's {@link WebSocketServer}, at {@code ws://host:port/chat?token=...}.
 *
 * <p>Java-WebSocket runs one selector thread for all sockets and a few worker threads that decode
 * frames; each connection stays on one worker, so its messages are handled one at a time and in
 * order. Sends from any thread go through each session's {@link Outbox}.
 */
public final class ChatServer extends WebSocketServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);
    private static final String PATH = "/chat";

    private final ChatSettings settings;
    private final HandshakeCheck handshakeCheck;
    private final ChatRooms rooms;
    private final Set<ChatSession> sessions = ConcurrentHashMap.newKeySet();
    private final Heartbeat heartbeat;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;

    private ChatServer(InetSocketAddress address, ChatSettings settings, Tokens tokens, ChatRooms rooms) {
        super(address, List.of(draftWithSizeLimit(settings.maxMessageBytes())));
        this.settings = settings;
        this.handshakeCheck = new HandshakeCheck(settings.allowedOrigins(), tokens);
        this.rooms = rooms;
        this.heartbeat = new Heartbeat(settings.pingInterval(), this::sessions);
        // The library's own ping timer counts whole seconds; Heartbeat does the same job with any interval.
        setConnectionLostTimeout(0);
        setReuseAddr(true);
        setDaemon(true);
    }

    /** Starts a server with rooms of its own on the host and port (0 picks a free port) and returns once it listens. */
    public static ChatServer start(String host, int port, ChatSettings settings, Tokens tokens) {
        return start(host, port, settings, tokens, new ChatRooms(settings.historySize()));
    }

    /** Starts a server on rooms that another server may share. */
    public static ChatServer start(String host, int port, ChatSettings settings, Tokens tokens, ChatRooms rooms) {
        ChatServer server = new ChatServer(new InetSocketAddress(host, port), settings, tokens, rooms);
        server.start();
        try {
            if (!server.started.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Chat server on " + host + ":" + port + " did not start within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting the chat server", e);
        }
        if (server.startFailure != null) {
            throw new IllegalStateException("Chat server could not listen on " + host + ":" + port + ": " + server.startFailure, server.startFailure);
        }
        server.heartbeat.start();
        LOG.info("Java-WebSocket chat listening on ws://{}:{}{}", host, server.getPort(), PATH);
        return server;
    }

    // A text message over the limit, or a fragmented one that adds up to more, closes with 1009.
    private static Draft draftWithSizeLimit(int maxMessageBytes) {
        return new Draft_6455(List.of(), List.of(new Protocol("")), maxMessageBytes);
    }

    /** Returns the sessions open right now, in no order. */
    public Collection<ChatSession> sessions() {
        return Collections.unmodifiableSet(sessions);
    }

    /** Returns the open sessions of one user. */
    public List<ChatSession> sessionsOf(String user) {
        return sessions.stream().filter(session -> session.user().equals(user)).toList();
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft, ClientHandshake request)
            throws InvalidDataException {
        ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        if (!HandshakeCheck.path(request.getResourceDescriptor()).equals(PATH)) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "No WebSocket endpoint at " + request.getResourceDescriptor());
        }

        String origin = request.hasFieldValue("Origin") ? request.getFieldValue("Origin") : null;
        HandshakeCheck.Decision decision;
        try {
            decision = handshakeCheck.check(origin, HandshakeCheck.tokenParameter(request.getResourceDescriptor()));
        } catch (UnsupportedOperationException todo) {
            decision = new HandshakeCheck.Decision(500, null, String.valueOf(todo.getMessage()));
        }
        if (!decision.accepted()) {
            LOG.debug("Rejected a handshake from {} with {}: {}", conn.getRemoteSocketAddress(), decision.status(), decision.reason());
            queueHttpError(conn, decision.status(), decision.reason());
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, decision.reason());
        }
        conn.setAttachment(decision.user());
        return response;
    }

    // NOTE: Java-WebSocket 1.6.0 rejects every handshake with "404 WebSocket Upgrade Failure" and
    // has no setting for the status. This method queues the right response ahead of it. The client
    // reads the first response and the connection closes, so the 404 after it is never read.
    // Javalin (JavalinChat) sets the status through its own API.
    private static void queueHttpError(WebSocket conn, int status, String reason) {
        String phrase = switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            default -> "Internal Server Error";
        };
        byte[] body = ServerMessages.error(reason, null).getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " " + phrase + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        ByteBuffer response = ByteBuffer.allocate(head.length() + body.length);
        response.put(head.getBytes(StandardCharsets.US_ASCII)).put(body).flip();
        ((WebSocketImpl) conn).outQueue.add(response);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        String user = conn.getAttachment();
        ChatSession session = new ChatSession(user, new JavaWebSocketConnection(conn), settings.outboxLimit());
        conn.setAttachment(session);
        sessions.add(session);
        LOG.debug("{} connected from {}", user, conn.getRemoteSocketAddress());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        ChatSession session = conn.getAttachment();
        try {
            rooms.handle(session, message);
        } catch (UnsupportedOperationException todo) {
            reportTodo(conn, todo);
        }
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        try {
            rejectBinary(conn);
        } catch (UnsupportedOperationException todo) {
            reportTodo(conn, todo);
        }
    }

    private void rejectBinary(WebSocket conn) {
        throw new UnsupportedOperationException("TODO step 4: close a connection that sends a binary frame with 1003");
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata pong) {
        if (conn.getAttachment() instanceof ChatSession session) {
            session.heard();
        }
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        // Also called for a rejected handshake, which never got a session.
        if (conn.getAttachment() instanceof ChatSession session) {
            sessions.remove(session);
            rooms.disconnect(session);
            LOG.debug("{} disconnected: {} {}", session.user(), code, reason);
        }
    }

    @Override
    public void onError(WebSocket conn, Exception error) {
        if (conn == null) {
            startFailure = error;
            started.countDown();
            return;
        }
        LOG.warn("Error on the connection of {}: {}", conn.<Object>getAttachment(), error.toString());
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    // An exercise that is still a TODO: send its message to the client as an error, so the tests and the page name the step.
    private static void reportTodo(WebSocket conn, UnsupportedOperationException todo) {
        LOG.warn("{}", todo.getMessage());
        if (conn.isOpen()) {
            conn.send(ServerMessages.error(String.valueOf(todo.getMessage()), null));
        }
    }

    @Override
    public void close() {
        heartbeat.close();
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Java-WebSocket chat on port {} stopped", getPort());
    }
}
