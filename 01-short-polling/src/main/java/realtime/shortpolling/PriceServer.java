package realtime.shortpolling;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price board over HTTP: {@code GET /prices} for polling clients and the demo page at
 * {@code /}. Listens on loopback only.
 */
public final class PriceServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PriceServer.class);

    private final Javalin app;

    private PriceServer(Javalin app) {
        this.app = app;
    }

    /** Starts the server on 127.0.0.1; port 0 picks a free port, which {@link #port()} returns. */
    public static PriceServer start(PriceBoard board, PollRateLimiter limiter, int port) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.routes.get("/prices", new PricesHandler(board, limiter));

            config.routes.exception(BadParameterException.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST).json(Map.of(
                    "error", "invalid_parameter",
                    "parameter", e.parameter(),
                    "message", e.getMessage())));
            // An exercise that is still a TODO: name the step and where it is, for the tests and the page.
            config.routes.exception(UnsupportedOperationException.class, (e, ctx) -> ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of(
                    "error", "not_implemented",
                    "message", String.valueOf(e.getMessage()),
                    "location", throwingMethod(e))));
        });
        app.start("127.0.0.1", port);
        LOG.info("Price board listening on http://localhost:{}/", app.port());
        return new PriceServer(app);
    }

    private static String throwingMethod(Throwable error) {
        if (error.getStackTrace().length == 0) {
            return "unknown";
        }
        StackTraceElement top = error.getStackTrace()[0];
        String simpleName = top.getClassName().substring(top.getClassName().lastIndexOf('.') + 1);
        return simpleName + "." + top.getMethodName() + ", " + top.getFileName() + ":" + top.getLineNumber();
    }

    public int port() {
        return app.port();
    }

    /** The address of a path on this server, such as {@code uri("/prices?since=3")}. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    @Override
    public void close() {
        app.stop();
        LOG.info("Price board stopped");
    }
}
