package realtime.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A handler for tests that records every event it is given, in the order it was given them. */
class RecordingHandler implements OrderEventHandler {

    private final List<OrderEvent> events = new ArrayList<>();

    @Override
    public synchronized void handle(OrderEvent event) {
        events.add(event);
    }

    synchronized List<OrderEvent> events() {
        return List.copyOf(events);
    }

    synchronized int count() {
        return events.size();
    }

    synchronized Set<String> distinctEventIds() {
        return events.stream().map(OrderEvent::eventId).collect(Collectors.toSet());
    }

    /** Returns the sequence numbers of each order's events, in arrival order. */
    synchronized Map<String, List<Long>> sequencesByOrder() {
        Map<String, List<Long>> sequences = new LinkedHashMap<>();
        for (OrderEvent event : events) {
            sequences.computeIfAbsent(event.orderId(), id -> new ArrayList<>()).add(event.sequence());
        }
        return sequences;
    }
}
