package realtime.sse;

import java.time.Duration;

/**
 * Settings of a {@link NotificationStream}.
 *
 * @param retry           the reconnection delay sent to each client when it connects
 * @param heartbeat       how often a comment goes to every client, so idle connections stay open
 *                        and clients that vanished are found
 * @param historySize     how many recent events are kept for clients that reconnect
 * @param maxQueuedFrames how many frames may wait for a slow client before it is disconnected
 */
public record StreamSettings(Duration retry, Duration heartbeat, int historySize, int maxQueuedFrames) {

    public StreamSettings {
        if (retry.isNegative()) {
            throw new IllegalArgumentException("retry must not be negative, got " + retry);
        }
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive, got " + heartbeat);
        }
        if (historySize < 1) {
            throw new IllegalArgumentException("historySize must be at least 1, got " + historySize);
        }
        if (maxQueuedFrames < 1) {
            throw new IllegalArgumentException("maxQueuedFrames must be at least 1, got " + maxQueuedFrames);
        }
    }

    /**
     * Settings for the demo: reconnect after 2 s, a heartbeat every 15 s (below the 30 to 60 s idle
     * timeouts common in proxies and load balancers), 1,000 events of history.
     */
    public static StreamSettings defaults() {
        return new StreamSettings(Duration.ofSeconds(2), Duration.ofSeconds(15), 1_000, 10_000);
    }

    public StreamSettings withRetry(Duration value) {
        return new StreamSettings(value, heartbeat, historySize, maxQueuedFrames);
    }

    public StreamSettings withHeartbeat(Duration value) {
        return new StreamSettings(retry, value, historySize, maxQueuedFrames);
    }

    public StreamSettings withHistorySize(int value) {
        return new StreamSettings(retry, heartbeat, value, maxQueuedFrames);
    }
}
