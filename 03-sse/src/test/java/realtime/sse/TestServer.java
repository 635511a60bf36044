package realtime.sse;

import java.net.URI;
import java.time.Duration;

/** A notification stream and its server on a free loopback port, closed together. */
final class TestServer implements AutoCloseable {

    /** Short delays so tests see retries and heartbeats quickly. */
    static final StreamSettings SETTINGS = new StreamSettings(Duration.ofMillis(1500), Duration.ofSeconds(5), 100, 10_000);

    final NotificationStream stream;
    final NotificationServer server;

    private TestServer(NotificationStream stream, NotificationServer server) {
        this.stream = stream;
        this.server = server;
    }

    static TestServer start() {
        return start(SETTINGS);
    }

    static TestServer start(StreamSettings settings) {
        return start(new NotificationStream(settings), 0);
    }

    static TestServer start(NotificationStream stream, int port) {
        return new TestServer(stream, NotificationServer.start("127.0.0.1", port, stream));
    }

    int port() {
        return server.port();
    }

    URI uri(String path) {
        return server.uri(path);
    }

    /** Publishes a small JSON event and returns its id. */
    long publish(String type, int number) {
        return stream.publish(type, "{\"n\":" + number + "}").id();
    }

    @Override
    public void close() {
        stream.close();
        server.close();
    }
}
