package realtime.kafka;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Processed event ids in memory, for the demo and the tests: it survives a consumer restart, not a
 * process restart. It grows without bound; a real store drops ids older than the topic's retention.
 */
public final class InMemoryProcessedEvents implements ProcessedEvents {

    private final Set<String> ids = ConcurrentHashMap.newKeySet();

    @Override
    public boolean contains(String eventId) {
        return ids.contains(eventId);
    }

    @Override
    public void add(String eventId) {
        ids.add(eventId);
    }

    public int size() {
        return ids.size();
    }
}
