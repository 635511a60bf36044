package realtime.redisstreams;

/**
 * The outcome of one {@link Reclaimer#reclaimOnce()} pass.
 *
 * @param handled      entries taken over, handled and acknowledged
 * @param failed       entries taken over whose handler failed again; they stay pending
 * @param deadLettered entries delivered too many times, moved to the dead-letter stream
 */
public record ReclaimResult(int handled, int failed, int deadLettered) {
}
