package realtime.sse;

/**
 * Counters of a {@link NotificationStream}.
 *
 * @param clients  clients connected now
 * @param joined   clients that connected since the stream started
 * @param left     clients that left since the stream started, each counted once
 * @param latestId the id of the newest event, 0 before the first
 */
public record StreamStats(int clients, long joined, long left, long latestId) {
}
