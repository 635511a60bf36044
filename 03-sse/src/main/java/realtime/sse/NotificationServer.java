package realtime.sse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.sse.SseHandler;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the notification stream.
 *
 * <ul>
 *   <li>{@code GET /events}: the Server-Sent Events stream; resumes after {@code Last-Event-ID}</li>
 *   <li>{@code POST /notifications}: publishes {@code {"title": "...", "body": "..."}}</li>
 *   <li>{@code GET /history}: the newest id and the events still kept, for a page that loads its state</li>
 *   <li>{@code /}: the demo page</li>
 * </ul>
 */
public final class NotificationServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TITLE = 200;
    private static final int MAX_BODY = 2_000;

    private final NotificationStream stream;
    private final Javalin app;

    private NotificationServer(NotificationStream stream) {
        this.stream = stream;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.routes.get("/events", this::openStream);
            config.routes.post("/notifications", this::publishNotification);
            config.routes.get("/history", this::history);
            config.routes.exception(InvalidRequestException.class, (e, ctx) ->
                    ctx.status(e.status()).json(Map.of("error", e.getMessage(), "field", e.field())));
            // An exercise that is still a TODO responds with 500 and its message, so a test can name the step.
            config.routes.exception(UnsupportedOperationException.class, (e, ctx) ->
                    ctx.status(500).json(Map.of("error", String.valueOf(e.getMessage()))));
        });
    }

    /** Starts a server for the stream on the host and port; port 0 picks a free port. */
    public static NotificationServer start(String host, int port, NotificationStream stream) {
        NotificationServer server = new NotificationServer(stream);
        server.app.start(host, port);
        LOG.info("Notification server listening on http://{}:{}/", host, server.port());
        return server;
    }

    public int port() {
        return app.port();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    public NotificationStream stream() {
        return stream;
    }

    /** Stops the server; clients see the connection end and reconnect to the next server. */
    @Override
    public void close() {
        app.stop();
        LOG.info("Notification server on port {} stopped", app.port());
    }

    private void openStream(Context ctx) throws Exception {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            // Javalin's SseHandler would send an empty 200 to such a request, so send a clear error instead.
            throw new InvalidRequestException(406, "Accept", "GET /events streams Server-Sent Events; send Accept: text/event-stream");
        }
        OptionalLong resumeAfter = ResumePoint.parse(ctx.header(ResumePoint.HEADER), ctx.queryParam(ResumePoint.QUERY_PARAMETER));

        // Join before the response is committed, so a failure can still get an error status.
        ClientConnection connection = stream.newConnection();
        if (resumeAfter.isPresent()) {
            stream.resume(connection, resumeAfter.getAsLong());
        } else {
            stream.open(connection);
        }

        // Javalin sends the headers (text/event-stream, no-cache, X-Accel-Buffering: no) and keeps
        // the response open; the connection writes the queued frames to it.
        new SseHandler(connection::attach).handle(ctx);
    }

    private void publishNotification(Context ctx) {
        JsonNode body = parseBody(ctx.body());
        String title = requireText(body, "title", true, MAX_TITLE);
        String text = requireText(body, "body", false, MAX_BODY);

        ObjectNode data = JSON.createObjectNode().put("title", title).put("body", text);
        SseEvent event = stream.publish("notification", data.toString());
        ctx.status(201).json(Map.of("id", event.id()));
    }

    private void history(Context ctx) throws IOException {
        NotificationStream.History history = stream.history();
        ObjectNode answer = JSON.createObjectNode().put("latestId", history.latestId());
        ArrayNode events = answer.putArray("events");
        for (SseEvent event : history.events()) {
            events.addObject().put("id", event.id()).put("type", event.type()).set("data", JSON.readTree(event.data()));
        }
        ctx.json(answer);
    }

    private static JsonNode parseBody(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // Answered below with the same message as any other body that is not an object.
        }
        throw new InvalidRequestException("body", "The request body must be a JSON object such as {\"title\": \"Deploy finished\"}");
    }

    private static String requireText(JsonNode body, String field, boolean required, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidRequestException(field, field + " is missing");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException(field, field + " must be a string, got " + value);
        }
        String text = value.asText();
        if (required && text.isBlank()) {
            throw new InvalidRequestException(field, field + " must not be blank");
        }
        if (text.length() > maxLength) {
            throw new InvalidRequestException(field, field + " must be at most " + maxLength + " characters, got " + text.length());
        }
        return text;
    }
}
