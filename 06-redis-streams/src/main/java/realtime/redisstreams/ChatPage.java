package realtime.redisstreams;

import java.util.List;

/**
 * One page of chat history.
 *
 * @param messages   the messages, oldest first
 * @param nextBefore the id to pass as {@code before} for the page of older messages, or null
 *                   when this page reached the start of the stream
 */
public record ChatPage(List<ChatMessage> messages, String nextBefore) {
}
