package realtime.redisstreams;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import redis.clients.jedis.resps.StreamEntry;

/**
 * A handler that records every call, thread-safely. Entries whose {@code text} is in the poison
 * set fail every time, as a handler does on data it cannot process.
 */
final class RecordingHandler implements EntryHandler {

    private final List<String> handledIds = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Set<String> poison = ConcurrentHashMap.newKeySet();

    RecordingHandler failingOn(String text) {
        poison.add(text);
        return this;
    }

    @Override
    public void handle(StreamEntry entry) {
        String id = entry.getID().toString();
        attempts.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
        String text = entry.getFields().get(DocumentUpdates.TEXT);
        if (poison.contains(text)) {
            throw new IllegalStateException("cannot apply update " + text);
        }
        handledIds.add(id);
    }

    /** Entry ids handled successfully, in the order they were handled; duplicates stay. */
    List<String> handledIds() {
        return List.copyOf(handledIds);
    }

    /** How many times the handler was called for an entry id, successful or not. */
    int attemptsOf(String entryId) {
        AtomicInteger count = attempts.get(entryId);
        return count == null ? 0 : count.get();
    }
}
