package realtime.redisstreams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import redis.clients.jedis.UnifiedJedis;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat over HTTP: {@code GET /api/messages} pages through the history, {@code POST
 * /api/messages} publishes, and {@code GET /api/messages/live} streams new messages as
 * server-sent events. The page at {@code /} uses all three. Listens on loopback only.
 */
public final class ChatServer implements AutoCloseable {

    /**
     * Maximum number of live streams at a time. Each holds a pooled Redis connection while it
     * blocks, so the limit stays below the pool size. The lesson's "In production" section
     * describes one tail per server instead.
     */
    public static final int MAX_LIVE_CLIENTS = RedisClients.MAX_CONNECTIONS / 2;

    static final int DEFAULT_PAGE_SIZE = 20;

    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Javalin app;
    private final Set<ChatTail> liveTails;

    private ChatServer(Javalin app, Set<ChatTail> liveTails) {
        this.app = app;
        this.liveTails = liveTails;
    }

    /**
     * Starts the server on 127.0.0.1; port 0 picks a free port, which {@link #port()} returns.
     *
     * @param tailBlock how long one XREAD of a live stream blocks: at most the {@code maxBlock}
     *                  the client was created with (see {@link RedisClients#create})
     */
    public static ChatServer start(ChatStream chat, UnifiedJedis redis, Duration tailBlock, int port) {
        Semaphore liveSlots = new Semaphore(MAX_LIVE_CLIENTS);
        Set<ChatTail> liveTails = ConcurrentHashMap.newKeySet();
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add("/public", Location.CLASSPATH);

            config.routes.get("/api/messages", ctx -> ctx.json(chat.page(ctx.queryParam("before"), limitOf(ctx))));
            config.routes.post("/api/messages", ctx -> publish(chat, ctx));
            config.routes.before("/api/messages/live", ctx -> {
                String after = resumeId(ctx);
                if (after != null && !ChatStream.ENTRY_ID.matcher(after).matches()) {
                    throw new InvalidFieldException("after", "after must be a stream entry id such as 1718000000000-0, got " + after);
                }
                String accept = ctx.header("Accept");
                if (accept == null || !accept.contains("text/event-stream")) {
                    throw new InvalidFieldException("Accept", "GET /api/messages/live is a server-sent event stream; send Accept: text/event-stream");
                }
                // Released when the stream closes, in follow().
                if (!liveSlots.tryAcquire()) {
                    throw new TooManyLiveClientsException();
                }
            });
            config.routes.sse("/api/messages/live", client -> follow(chat, redis, tailBlock, client, liveSlots, liveTails));

            config.routes.exception(InvalidFieldException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of(
                    "error", "invalid_field",
                    "field", e.field(),
                    "message", e.getMessage())));
            config.routes.exception(TooManyLiveClientsException.class, (e, ctx) -> ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of(
                    "error", "too_many_live_clients",
                    "message", "At most " + MAX_LIVE_CLIENTS + " live streams at a time; retry later")));
            // An exercise that is still a TODO: name the step in the body, so the tests and the page can show it.
            config.routes.exception(UnsupportedOperationException.class, (e, ctx) -> ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of(
                    "error", "not_implemented",
                    "message", String.valueOf(e.getMessage()))));
        });
        app.start("127.0.0.1", port);
        LOG.info("Chat listening on http://localhost:{}/", app.port());
        return new ChatServer(app, liveTails);
    }

    public int port() {
        return app.port();
    }

    /** Returns the address of a path on this server, such as {@code uri("/api/messages?limit=5")}. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** Stops the server and its live tails, so none is still reading when the caller closes the Redis client. */
    @Override
    public void close() {
        app.stop();
        for (ChatTail tail : liveTails) {
            closeQuietly(tail);
        }
        LOG.info("Chat stopped");
    }

    private static int limitOf(Context ctx) {
        String limit = ctx.queryParam("limit");
        if (limit == null) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new InvalidFieldException("limit", "limit must be a whole number, got " + limit);
        }
    }

    private static void publish(ChatStream chat, Context ctx) {
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("body", "The body must be a JSON object such as {\"user\":\"ada\",\"message\":\"hi\"}");
        }
        if (body == null || !body.isObject()) {
            throw new InvalidFieldException("body", "The body must be a JSON object such as {\"user\":\"ada\",\"message\":\"hi\"}");
        }
        // A client that may retry sends its own messageId; otherwise this request gets a fresh one.
        String messageId = textOf(body, ChatMessage.MESSAGE_ID);
        if (messageId == null) {
            messageId = UUID.randomUUID().toString();
        }
        String id = chat.publish(textOf(body, ChatMessage.USER), textOf(body, ChatMessage.MESSAGE), messageId);
        ctx.status(HttpStatus.CREATED).json(Map.of("id", id, "messageId", messageId));
    }

    private static String textOf(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidFieldException(field, field + " must be a string");
        }
        return value.asText();
    }

    // A reconnecting EventSource sends Last-Event-ID; a first connection passes the id of the
    // newest message the page shows as ?after. Without either, the tail starts after the entry
    // that is newest when it starts (see ChatTail.startCursor).
    private static String resumeId(Context ctx) {
        String lastEventId = ctx.header("Last-Event-ID");
        if (lastEventId != null && !lastEventId.isBlank()) {
            return lastEventId.strip();
        }
        String after = ctx.queryParam("after");
        return after == null || after.isBlank() ? null : after.strip();
    }

    private static void follow(ChatStream chat, UnifiedJedis redis, Duration tailBlock, SseClient client,
                               Semaphore liveSlots, Set<ChatTail> liveTails) {
        client.keepAlive();
        String after = resumeId(client.ctx());
        ChatTail tail;
        try {
            tail = ChatTail.start(redis, chat.key(), after, tailBlock, message -> {
                try {
                    client.sendEvent("message", JSON.writeValueAsString(message), message.id());
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("Could not write message " + message.id() + " as JSON", e);
                }
            });
        } catch (RuntimeException e) {
            liveSlots.release();
            client.sendEvent("error", JSON.createObjectNode().put("message", String.valueOf(e.getMessage())).toString());
            client.close();
            return;
        }
        liveTails.add(tail);
        LOG.debug("Live client connected after {}", after);
        client.onClose(() -> {
            liveSlots.release();
            liveTails.remove(tail);
            closeQuietly(tail);
            LOG.debug("Live client left");
        });
    }

    private static void closeQuietly(ChatTail tail) {
        try {
            tail.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A live stream beyond {@link #MAX_LIVE_CLIENTS}, which the server rejects with {@code 503}. */
    static final class TooManyLiveClientsException extends RuntimeException {
        TooManyLiveClientsException() {
            super("Too many live clients");
        }
    }
}
