package realtime.sse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Java client of an event stream that behaves like a browser's {@code EventSource}: when the
 * connection ends it waits the server's retry delay, reconnects with {@code Last-Event-ID}, and so
 * delivers each event once.
 */
public final class EventStreamSubscriber implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventStreamSubscriber.class);

    private final HttpClient http;
    private final URI uri;
    private final Consumer<ServerSentEvent> listener;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread thread;
    private volatile String lastEventId = "";
    private volatile Duration retry;
    private volatile InputStream body;
    private volatile RuntimeException failure;

    /**
     * Creates a subscriber of {@code uri} that hands each event to {@code listener} on its own
     * thread. {@code initialRetry} is the delay before reconnecting until the server sends one.
     */
    public EventStreamSubscriber(HttpClient http, URI uri, Duration initialRetry, Consumer<ServerSentEvent> listener) {
        this.http = http;
        this.uri = uri;
        this.retry = initialRetry;
        this.listener = listener;
        this.thread = new Thread(this::run, "sse-subscriber " + uri);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Returns the id this subscriber sends as Last-Event-ID when it reconnects; "" before the first. */
    public String lastEventId() {
        return lastEventId;
    }

    /** Returns the reconnection delay in use: the server's {@code retry:} once it sent one. */
    public Duration retry() {
        return retry;
    }

    /** Returns how many times it has connected, the first time included. */
    public int connections() {
        return connections.get();
    }

    /** Returns true while it is connected or waiting to reconnect. */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /** Returns why the subscriber stopped: a response other than a stream or 204, or a bug in it. */
    public Optional<RuntimeException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops reconnecting and ends the current connection. */
    @Override
    public void close() {
        closed.countDown();
        InputStream current = body;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.debug("Closing the stream of {} failed: {}", uri, e.toString());
            }
        }
    }

    private void run() {
        while (closed.getCount() > 0) {
            boolean reconnect;
            try {
                reconnect = connectOnce();
            } catch (IOException e) {
                LOG.debug("Connection to {} ended: {}", uri, e.toString());
                reconnect = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // A bug, not a network problem: reconnecting would fail the same way.
                LOG.error("Subscriber of {} stopped: {}", uri, e.toString());
                failure = e;
                return;
            }
            if (!reconnect) {
                return;
            }
            try {
                // Waits the retry delay, or less when close() is called meanwhile.
                if (closed.await(retry.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Connects once and delivers events until the stream ends. Returns true to reconnect, false
     * when the server asked the client to stop (204 No Content) or responded with an error, which
     * it then records as the failure.
     */
    private boolean connectOnce() throws IOException, InterruptedException {
        throw new UnsupportedOperationException("TODO step 7: connect with Last-Event-ID, feed the body to a parser, keep its id and retry");
    }
}
