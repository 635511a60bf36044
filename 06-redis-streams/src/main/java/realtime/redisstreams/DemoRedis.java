package realtime.redisstreams;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The Redis server the demo talks to: {@code REDIS_URL} when set, otherwise an embedded Redis 6.2
 * server on a free loopback port that stops with the JVM. The tests resolve theirs the same way.
 */
final class DemoRedis {

    static final String URL_VARIABLE = "REDIS_URL";

    private static final Logger LOG = LoggerFactory.getLogger(DemoRedis.class);

    private DemoRedis() {
    }

    static URI url() throws IOException {
        String configured = System.getenv(URL_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            LOG.info("Using the Redis server at {} from {}", configured.strip(), URL_VARIABLE);
            return URI.create(configured.strip());
        }

        int port = freePort();
        RedisServer server = RedisServer.newRedisServer()
                .bind("127.0.0.1")
                .port(port)
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        try {
            // start() also registers a shutdown hook that stops the server with the JVM.
            server.start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Could not start an embedded Redis server on "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + " (" + e.getMessage() + "). "
                    + "Start Redis 6.2 or newer yourself and set " + URL_VARIABLE + ", for example "
                    + URL_VARIABLE + "=redis://127.0.0.1:6379", e);
        }
        LOG.info("Started an embedded Redis server on 127.0.0.1:{}; set {} to use your own", port, URL_VARIABLE);
        return URI.create("redis://127.0.0.1:" + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
