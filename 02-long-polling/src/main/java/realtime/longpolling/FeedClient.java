package realtime.longpolling;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-polling client: polls {@code GET /messages} with the cursor of the last message it has,
 * hands each new message to a consumer, and polls again at once. After an error it waits a
 * jittered backoff, and at least the {@code Retry-After} of a 503. {@link #close()} stops it.
 */
public final class FeedClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeedClient.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI messagesUri;
    private final Duration requestTimeout;
    private final Backoff backoff;
    private final Consumer<Message> onMessage;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final Thread loop;

    private volatile long cursor;
    private volatile CompletableFuture<HttpResponse<String>> inFlight;
    private volatile Throwable failure;

    private FeedClient(URI messagesUri, long cursor, Duration requestTimeout, Backoff backoff, Consumer<Message> onMessage) {
        this.messagesUri = messagesUri;
        this.cursor = cursor;
        this.requestTimeout = requestTimeout;
        this.backoff = backoff;
        this.onMessage = onMessage;
        this.loop = new Thread(this::run, "feed-client");
        this.loop.setDaemon(true);
    }

    /**
     * Starts polling {@code messagesUri} (such as {@code http://localhost:7002/messages}) from
     * {@code cursor}. The request timeout must be longer than the server's longest poll.
     */
    public static FeedClient start(URI messagesUri, long cursor, Duration requestTimeout, Backoff backoff, Consumer<Message> onMessage) {
        FeedClient client = new FeedClient(messagesUri, cursor, requestTimeout, backoff, onMessage);
        client.loop.start();
        return client;
    }

    private void run() {
        try {
            while (!stopping()) {
                pollOnce();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("Feed client stopped after an unexpected error", e);
        }
    }

    private void pollOnce() throws InterruptedException {
        throw new UnsupportedOperationException("TODO step 6: poll with the last cursor, poll again at once, and back off with jitter after errors");
    }

    /** Sends one poll; {@link #close()} cancels it. */
    private HttpResponse<String> send(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).GET().build();
        CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        inFlight = sent;
        if (stopping()) {
            sent.cancel(true);
        }
        try {
            return sent.get();
        } catch (CancellationException e) {
            throw new IOException("Poll cancelled because the client is stopping", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    private static PollResult parse(String body) {
        try {
            return MAPPER.readValue(body, PollResult.class);
        } catch (IOException e) {
            throw new IllegalStateException("The server returned 200 with a body that is not a poll result: " + body, e);
        }
    }

    private static Duration retryAfter(HttpResponse<String> response) {
        try {
            return response.headers().firstValue("Retry-After").map(Long::parseLong).map(Duration::ofSeconds).orElse(Duration.ZERO);
        } catch (NumberFormatException notSeconds) {
            return Duration.ZERO; // An HTTP date; the backoff alone will do.
        }
    }

    /** Waits for the delay, or less when {@link #close()} is called meanwhile. */
    private void pause(Duration delay) throws InterruptedException {
        stopRequested.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    /** Returns the cursor the next poll sends: the seq of the last message handed to the consumer. */
    public long cursor() {
        return cursor;
    }

    /** Returns the error that stopped the polling loop, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops polling: cancels the poll in flight and waits up to 5 s for the loop to end. */
    @Override
    public void close() throws InterruptedException {
        stopRequested.countDown();
        CompletableFuture<HttpResponse<String>> current = inFlight;
        if (current != null) {
            current.cancel(true);
        }
        loop.join(TimeUnit.SECONDS.toMillis(5));
        if (loop.isAlive()) {
            LOG.warn("Feed client loop did not stop within 5 s");
        }
    }
}
