package realtime.shortpolling;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A short-polling client of {@code GET /prices}. It requests the changes since the last version it
 * saw, on a fixed interval, and hands each change to a listener once, in version order.
 *
 * <p>It sends {@code If-None-Match}, so an unchanged board costs a 304 with no body. It waits for
 * the {@code Retry-After} delay after a 429 or 503, and backs off exponentially, with jitter, after
 * network errors and 5xx. {@link #close()} stops it and leaves no thread running.
 */
public final class PricePoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PricePoller.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI pricesUri;
    // Servers rate-limit per client; without an id, every client behind one address shares a limit.
    private final String clientId = UUID.randomUUID().toString();
    private final Duration interval;
    private final Consumer<Price> listener;
    private final Backoff backoff;
    private final PollerStats stats = new PollerStats();
    private final ScheduledExecutorService scheduler;
    private final ExecutorService httpExecutor;
    private final HttpClient http;

    // Written only on the scheduler's single thread; volatile so other threads can read them.
    private volatile long lastVersion;
    private volatile String lastEtag;
    private volatile RuntimeException lastFailure;

    /**
     * @param pricesUri the {@code /prices} address, without a query
     * @param interval  the wait between two polls when all is well
     * @param backoff   the waits after failures
     * @param listener  called on the poller's thread with each change, in version order
     */
    public PricePoller(URI pricesUri, Duration interval, Backoff backoff, Consumer<Price> listener) {
        this.pricesUri = pricesUri;
        this.interval = interval;
        this.backoff = backoff;
        this.listener = listener;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "price-poller"));
        // The client's own async work runs on a thread we own, so close() can stop it.
        this.httpExecutor = Executors.newSingleThreadExecutor(task -> new Thread(task, "price-poller-http"));
        this.http = HttpClient.newBuilder()
                .executor(httpExecutor)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Creates a poller whose backoff runs from 500 ms up to 30 s. */
    public static PricePoller create(URI pricesUri, Duration interval, Consumer<Price> listener) {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), RandomGenerator.getDefault());
        return new PricePoller(pricesUri, interval, backoff, listener);
    }

    /** Starts polling now; each poll schedules the next. */
    public PricePoller start() {
        scheduler.execute(this::pollAndReschedule);
        return this;
    }

    public PollerStats stats() {
        return stats;
    }

    /** The board version of the last change delivered: 0 before the first. */
    public long lastVersion() {
        return lastVersion;
    }

    /** Returns the last exception a poll threw, such as an unreadable body, or null when none has. */
    public RuntimeException lastFailure() {
        return lastFailure;
    }

    private void pollAndReschedule() {
        Duration delay;
        try {
            delay = pollOnce();
        } catch (RuntimeException e) {
            lastFailure = e;
            LOG.warn("Poll of {} failed: {}", pricesUri, e.toString());
            delay = backoff.nextDelay();
        }
        if (!scheduler.isShutdown()) {
            scheduler.schedule(this::pollAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends one poll, delivers what it brought, and returns how long to wait before the next. */
    Duration pollOnce() {
        HttpResponse<String> response;
        try {
            response = http.send(nextRequest(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            LOG.warn("Poll of {} failed: {}; backing off", pricesUri, e.toString());
            return backoff.nextDelay();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return interval;
        }
        stats.countRequest();

        int status = response.statusCode();
        if (status == 200 || status == 304) {
            backoff.reset();
            stats.countChanges(deliver(response));
            return interval;
        }
        return delayAfterRejection(response);
    }

    /** The next poll: the changes since the last version seen, unless they are still what we have. */
    HttpRequest nextRequest() {
        throw new UnsupportedOperationException("TODO step 5: ask for the changes since the last version, sending If-None-Match with the last ETag");
    }

    /** Hands the listener each change newer than the last one delivered; returns how many. */
    int deliver(HttpResponse<String> response) {
        throw new UnsupportedOperationException("TODO step 5: on 200, deliver each price newer than the last version, in order, then remember version and ETag");
    }

    /** Returns the wait after a response other than 200 or 304. */
    Duration delayAfterRejection(HttpResponse<String> response) {
        throw new UnsupportedOperationException("TODO step 6: wait for the Retry-After delay, else back off after errors");
    }

    /** Stops polling, waits for a poll in flight to finish, and stops every thread it started. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        httpExecutor.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
            httpExecutor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // HttpClient is AutoCloseable from Java 21 on; on 17 its selector thread ends once it is unreachable.
        if (http instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing the HTTP client failed", e);
            }
        }
    }
}
