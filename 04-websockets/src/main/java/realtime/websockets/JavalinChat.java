package realtime.websockets;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The same chat on Javalin's WebSocket API, at {@code ws://host:port/chat?token=...}, with the
 * demo page at {@code /} and {@code POST /token?name=ann} to get a token.
 *
 * <p>Jetty runs each connection's handlers on its pooled threads, one message at a time per
 * connection; the rooms and outboxes are the same classes {@link ChatServer} uses.
 */
public final class JavalinChat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JavalinChat.class);

    private final Javalin app;

    private JavalinChat(Javalin app) {
        this.app = app;
    }

    /**
     * Starts the chat on the host and port (0 picks a free port).
     *
     * @param rooms             the rooms, which a {@link ChatServer} may share
     * @param javaWebSocketPort the port of the Java-WebSocket chat, for the demo page's server switch
     */
    public static JavalinChat start(String host, int port, ChatSettings settings, Tokens tokens, ChatRooms rooms, int javaWebSocketPort) {
        HandshakeCheck handshakeCheck = new HandshakeCheck(settings.allowedOrigins(), tokens);
        Map<String, ChatSession> sessions = new ConcurrentHashMap<>();

        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add("/public", Location.CLASSPATH);
            // Jetty closes a text or binary message over the limit with 1009 before it is buffered whole.
            config.jetty.modifyWebSocketServletFactory(factory -> {
                factory.setMaxTextMessageSize(settings.maxMessageBytes());
                factory.setMaxBinaryMessageSize(settings.maxMessageBytes());
            });

            config.routes.post("/token", ctx -> {
                String name = ctx.queryParam("name");
                if (!Tokens.isValidUser(name)) {
                    ctx.status(HttpStatus.BAD_REQUEST).json(Map.of(
                            "error", "invalid_parameter",
                            "parameter", "name",
                            "message", "Invalid name " + name + ": use 1 to 32 letters, digits, '_' or '-'"));
                    return;
                }
                // NOTE: anyone may have a token for any name. A real application issues one after a login.
                ctx.json(Map.of("user", name, "token", tokens.issue(name)));
            });
            config.routes.get("/endpoints", ctx -> ctx.json(Map.of("javalin", "/chat", "javaWebSocketPort", javaWebSocketPort)));

            // Runs before the upgrade, so a rejection is a plain HTTP response with its own status.
            config.routes.wsBeforeUpgrade("/chat", ctx -> {
                HandshakeCheck.Decision decision = handshakeCheck.check(ctx.header("Origin"), ctx.queryParam("token"));
                if (!decision.accepted()) {
                    throw new HttpResponseException(decision.status(), decision.reason());
                }
            });
            config.routes.ws("/chat", ws -> handleChat(ws, settings, tokens, rooms, sessions));

            // An exercise that is still a TODO: send its message as the 500 body, so the tests and the page name the step.
            config.routes.exception(UnsupportedOperationException.class, (e, ctx) -> ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
                    .json(Map.of("error", "not_implemented", "message", String.valueOf(e.getMessage()))));
        });
        app.start(host, port);
        LOG.info("Javalin chat and demo page listening on http://{}:{}/", host, app.port());
        return new JavalinChat(app);
    }

    private static void handleChat(WsConfig ws, ChatSettings settings, Tokens tokens, ChatRooms rooms, Map<String, ChatSession> sessions) {
        ws.onConnect(ctx -> {
            // The upgrade check passed, so the token is valid.
            String user = tokens.verify(ctx.queryParam("token")).orElseThrow();
            sessions.put(ctx.sessionId(), new ChatSession(user, new JettyConnection(ctx), settings.outboxLimit()));
            // NOTE: Javalin 7 sends these pings but offers no callback for the pongs, so it cannot
            // time out a silent peer the way Heartbeat does; Jetty's idle timeout is the backstop.
            ctx.enableAutomaticPings(settings.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
            LOG.debug("{} connected", user);
        });
        ws.onMessage(ctx -> {
            ChatSession session = sessions.get(ctx.sessionId());
            try {
                rooms.handle(session, ctx.message());
            } catch (UnsupportedOperationException todo) {
                reportTodo(ctx, todo);
            }
        });
        ws.onBinaryMessage(ctx -> ctx.closeSession(CloseCodes.UNSUPPORTED_DATA, "Binary frames are not supported: send JSON as text"));
        ws.onClose(ctx -> {
            ChatSession session = sessions.remove(ctx.sessionId());
            if (session != null) {
                rooms.disconnect(session);
                LOG.debug("{} disconnected: {} {}", session.user(), ctx.status(), ctx.reason());
            }
        });
        ws.onError(ctx -> LOG.debug("Error on a chat connection: {}", String.valueOf(ctx.error())));
    }

    private static void reportTodo(WsContext ctx, UnsupportedOperationException todo) {
        LOG.warn("{}", todo.getMessage());
        ctx.send(ServerMessages.error(String.valueOf(todo.getMessage()), null));
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        LOG.info("Javalin chat stopped");
    }
}
