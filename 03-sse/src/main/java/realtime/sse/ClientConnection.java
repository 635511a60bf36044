package realtime.sse;

import io.javalin.http.sse.SseClient;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected client. Frames wait in a queue and a shared pool of writer threads sends them in
 * order, so a publisher never waits for a client's network.
 *
 * <p>Frames are written to the raw servlet response, not through {@link SseClient#sendEvent}:
 * Javalin 7.2.3's {@code SseClient} has no {@code retry:} field and drops a trailing line break of
 * the data, and the lesson needs both exactly. Javalin still sends the headers and tells us when
 * the client is gone.
 */
public final class ClientConnection {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    private static final AtomicLong NUMBERS = new AtomicLong();

    private final long number = NUMBERS.incrementAndGet();
    private final Executor writers;
    private final int maxQueuedFrames;
    private final Consumer<ClientConnection> onClose;
    private final Queue<String> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile SseClient client;

    /**
     * Creates a connection whose frames wait until {@link #attach} gives it a response to write to.
     * {@code onClose} runs once, when the client leaves for whatever reason.
     */
    ClientConnection(Executor writers, int maxQueuedFrames, Consumer<ClientConnection> onClose) {
        this.writers = writers;
        this.maxQueuedFrames = maxQueuedFrames;
        this.onClose = onClose;
    }

    /**
     * Queues a frame for this client and returns false when the client is closed. A client that
     * falls more than the allowed number of frames behind is closed: it reconnects and replays.
     */
    public boolean send(String frame) {
        if (closed.get()) {
            return false;
        }
        if (queued.incrementAndGet() > maxQueuedFrames) {
            LOG.warn("Client {} is {} frames behind; disconnecting it so it reconnects and replays", number, maxQueuedFrames);
            close();
            return false;
        }
        pending.add(frame);
        scheduleDrain();
        return true;
    }

    /** Starts writing to the response of Javalin's client and closes this connection when it ends. */
    void attach(SseClient sseClient) {
        // Keep the response open after the handler returns, until one side closes it.
        sseClient.keepAlive();
        sseClient.onClose(this::close);
        client = sseClient;
        if (closed.get()) {
            sseClient.close();
            return;
        }
        LOG.debug("Client {} connected from {}", number, sseClient.ctx().ip());
        scheduleDrain();
    }

    /**
     * Closes the connection and notifies the stream, once, however the client left: it closed the
     * connection, a write to it failed, it fell behind, or the server is stopping.
     */
    public void close() {
        throw new UnsupportedOperationException("TODO step 4: run the close handling once, however the client left");
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public String toString() {
        return "client " + number;
    }

    private void scheduleDrain() {
        if (client == null || !draining.compareAndSet(false, true)) {
            return;
        }
        try {
            writers.execute(this::drain);
        } catch (RejectedExecutionException e) {
            // The server is stopping and its writer pool no longer takes work.
            draining.set(false);
            close();
        }
    }

    private void drain() {
        try {
            writePending();
        } catch (IOException e) {
            // The normal way to find a client that vanished: the next write fails.
            LOG.debug("Client {} is gone: {}", number, e.toString());
            close();
        } finally {
            draining.set(false);
        }
        // A frame queued after the last poll and before the flag was cleared must not wait.
        if (!pending.isEmpty() && !closed.get()) {
            scheduleDrain();
        }
    }

    private void writePending() throws IOException {
        OutputStream out = client.ctx().res().getOutputStream();
        boolean wrote = false;
        for (String frame = pending.poll(); frame != null; frame = pending.poll()) {
            queued.decrementAndGet();
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            wrote = true;
        }
        if (wrote) {
            // Flush now: the response buffer would otherwise hold the events back.
            out.flush();
        }
    }
}
