package realtime.websockets;

import java.time.Duration;
import java.util.Set;

/**
 * The limits of one chat server.
 *
 * @param allowedOrigins   the browser origins that may open a connection, such as {@code http://localhost:7004}
 * @param maxMessageBytes  the largest message a client may send; a larger one closes with 1009
 * @param historySize      how many events each room keeps for clients that resume
 * @param outboxLimit      how many messages a connection may have waiting to be written before it is closed as too slow
 * @param pingInterval     how often the server pings; a peer silent for three intervals is closed
 */
public record ChatSettings(Set<String> allowedOrigins, int maxMessageBytes, int historySize, int outboxLimit, Duration pingInterval) {

    public ChatSettings {
        allowedOrigins = Set.copyOf(allowedOrigins);
        requirePositive("maxMessageBytes", maxMessageBytes);
        requirePositive("historySize", historySize);
        requirePositive("outboxLimit", outboxLimit);
        if (pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be positive, got " + pingInterval);
        }
    }

    /** Settings for a chat whose page is served from the given origins: 16 KiB messages, 100 events of history, 256 queued messages, pings every 15 s. */
    public static ChatSettings defaults(Set<String> allowedOrigins) {
        return new ChatSettings(allowedOrigins, 16 * 1024, 100, 256, Duration.ofSeconds(15));
    }

    public ChatSettings withHistorySize(int size) {
        return new ChatSettings(allowedOrigins, maxMessageBytes, size, outboxLimit, pingInterval);
    }

    public ChatSettings withOutboxLimit(int limit) {
        return new ChatSettings(allowedOrigins, maxMessageBytes, historySize, limit, pingInterval);
    }

    public ChatSettings withPingInterval(Duration interval) {
        return new ChatSettings(allowedOrigins, maxMessageBytes, historySize, outboxLimit, interval);
    }

    public ChatSettings withMaxMessageBytes(int bytes) {
        return new ChatSettings(allowedOrigins, bytes, historySize, outboxLimit, pingInterval);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
