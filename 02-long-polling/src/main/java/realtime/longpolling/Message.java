package realtime.longpolling;

/**
 * One message of the feed.
 *
 * @param seq the position the server gave the message: 1, 2, 3, with no gaps and no repeats.
 *     A client's cursor is the {@code seq} of the last message it has.
 * @param text what was published
 * @param publishedAt when the server accepted it, ISO-8601 in UTC. For people, not for cursors:
 *     two messages can share a millisecond.
 */
public record Message(long seq, String text, String publishedAt) {
}
