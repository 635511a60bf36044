package realtime.websockets;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings every connection once per interval and closes a peer that has been silent for more than
 * two intervals. TCP alone cannot tell: a peer that lost power or network sends no FIN, and the
 * server's socket stays open for as long as nothing is written to it. A ping makes the server
 * write, and a missing pong reveals the dead peer.
 *
 * <p>A silent peer is closed at the first tick after two intervals of silence, so within three
 * intervals of its last message or pong.
 */
public final class Heartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final Duration interval;
    private final Supplier<Collection<ChatSession>> sessions;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    public Heartbeat(Duration interval, Supplier<Collection<ChatSession>> sessions) {
        this.interval = interval;
        this.sessions = sessions;
    }

    public void start() {
        long nanos = interval.toNanos();
        timer.scheduleAtFixedRate(this::tickLogged, nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Checks every session once: closes the silent ones and pings the others. */
    void tick(long nowNanos) {
        // >>> step 6: close each peer silent for more than two intervals, and ping the others
        long silenceLimit = 2 * interval.toNanos();
        for (ChatSession session : sessions.get()) {
            long silentNanos = nowNanos - session.lastHeardNanos();
            if (silentNanos > silenceLimit) {
                LOG.info("Closing {}: no message or pong for {} ms", session.user(), TimeUnit.NANOSECONDS.toMillis(silentNanos));
                session.connection().abort("No pong for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms");
            } else {
                session.connection().ping();
            }
        }
        // <<< step 6
    }

    // An exception would cancel the schedule silently; log it once and keep ticking.
    private void tickLogged() {
        try {
            tick(System.nanoTime());
        } catch (RuntimeException e) {
            if (failureLogged.compareAndSet(false, true)) {
                LOG.warn("Heartbeat tick failed, so dead peers stay open: {}", e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
