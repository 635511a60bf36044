package realtime.longpolling;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message feed over HTTP: {@code GET /messages?cursor=N} (a long poll),
 * {@code POST /messages}, and the demo page at {@code /}. Listens on loopback only.
 */
public final class MessageServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessageServer.class);

    private final Javalin app;
    private final MessageFeed feed;

    private MessageServer(Javalin app, MessageFeed feed) {
        this.app = app;
        this.feed = feed;
    }

    /** Starts the server on 127.0.0.1; port 0 picks a free port, which {@link #port()} returns. */
    public static MessageServer start(FeedSettings settings, int port) {
        return start(settings, Clock.systemUTC(), port);
    }

    /** Starts the server with the clock that stamps {@link Message#publishedAt()}. */
    public static MessageServer start(FeedSettings settings, Clock clock, int port) {
        MessageFeed feed = new MessageFeed(settings, clock, RandomGenerator.getDefault());
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // A held poll uses no thread, so a small pool serves many waiting clients.
            QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), Math.min(8, settings.maxThreads()));
            threads.setName("http");
            config.jetty.threadPool = threads;
            config.staticFiles.add("/public", Location.CLASSPATH);

            config.routes.get("/messages", new PollHandler(feed));
            config.routes.post("/messages", new PublishHandler(feed, settings.maxBodyBytes()));

            config.routes.exception(BadRequestException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of(
                    "error", "invalid_request",
                    "field", e.field(),
                    "message", e.getMessage())));
            config.routes.exception(PayloadTooLargeException.class, (e, ctx) -> ctx.status(HttpStatus.CONTENT_TOO_LARGE).json(Map.of(
                    "error", "payload_too_large",
                    "field", "body",
                    "message", e.getMessage())));
            config.routes.exception(TooManyWaitingPollsException.class, (e, ctx) -> tooManyWaiting(ctx, e));
            // An exercise that is still a TODO: say which step, so the tests and the page can too.
            config.routes.exception(UnsupportedOperationException.class, (e, ctx) -> ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of(
                    "error", "not_implemented",
                    "message", String.valueOf(e.getMessage()))));
        });
        app.start("127.0.0.1", port);
        LOG.info("Message feed listening on http://localhost:{}/", app.port());
        return new MessageServer(app, feed);
    }

    private static void tooManyWaiting(Context ctx, TooManyWaitingPollsException e) {
        // Retry-After takes whole seconds. Clients that obey it come back later instead of at once.
        long seconds = Math.max(1, e.retryAfter().toSeconds());
        ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
        ctx.header("Retry-After", String.valueOf(seconds));
        ctx.json(Map.of(
                "error", "too_many_waiting_polls",
                "message", e.getMessage(),
                "retryAfterSeconds", seconds));
    }

    public MessageFeed feed() {
        return feed;
    }

    public int port() {
        return app.port();
    }

    /** Returns the address of a path on this server, such as {@code uri("/messages?cursor=3")}. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    @Override
    public void close() {
        app.stop();
        feed.close();
        LOG.info("Message feed stopped");
    }
}
