package realtime.testkit;

import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The Redis server that a module's tests talk to: the one at {@code REDIS_URL} when that variable
 * is set, otherwise an embedded Redis 6.2 server started on a free loopback port. Either way it is
 * resolved once per test JVM and shared, so tests isolate themselves with {@link #uniqueKey}.
 *
 * <p>A module that uses it declares {@code com.github.codemonstur:embedded-redis} in test scope,
 * because the testkit only carries it as an optional dependency.
 */
public final class Redis {

    /** The environment variable that points the tests at a Redis server of your own. */
    public static final String URL_VARIABLE = "REDIS_URL";

    private static final Logger LOG = LoggerFactory.getLogger(Redis.class);

    private static URI url;

    private Redis() {
    }

    /**
     * Returns the address of the shared server, such as {@code redis://127.0.0.1:41234}, starting
     * the embedded server on the first call when {@code REDIS_URL} is not set.
     */
    public static synchronized URI url() {
        if (url == null) {
            String configured = System.getenv(URL_VARIABLE);
            url = configured == null || configured.isBlank() ? startEmbedded() : parse(configured.strip());
        }
        return url;
    }

    /**
     * Returns a key no other test uses, such as {@code chat:5f0c…}. Tests share one server, so
     * each test works on keys of its own instead of flushing the database.
     */
    public static String uniqueKey(String prefix) {
        return prefix + ":" + UUID.randomUUID();
    }

    private static URI parse(String configured) {
        URI parsed = URI.create(configured);
        if (!"redis".equals(parsed.getScheme()) && !"rediss".equals(parsed.getScheme())) {
            throw new IllegalStateException(URL_VARIABLE + " must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379, got " + configured);
        }
        return parsed;
    }

    // Ports.free() can race with another process for the port, so a few attempts are made.
    private static URI startEmbedded() {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = Ports.free();
            try {
                RedisServer server = RedisServer.newRedisServer()
                        .bind("127.0.0.1")
                        .port(port)
                        // A test server keeps nothing: no snapshots, no append-only file.
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .build();
                // start() also registers a shutdown hook that stops the server with the JVM.
                server.start();
                LOG.info("Started an embedded Redis server on 127.0.0.1:{}; set {} to use your own", port, URL_VARIABLE);
                return URI.create("redis://127.0.0.1:" + port);
            } catch (IOException | RuntimeException e) {
                last = new IllegalStateException("Could not start an embedded Redis server on "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + " (" + e.getMessage() + "). "
                        + "Install Redis 6.2 or newer, start it, and set " + URL_VARIABLE
                        + " to its address, for example " + URL_VARIABLE + "=redis://127.0.0.1:6379", e);
            }
        }
        throw last;
    }
}
