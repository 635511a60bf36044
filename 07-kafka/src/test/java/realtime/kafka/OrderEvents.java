package realtime.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/** Test data: order events for several orders, interleaved as a busy shop would produce them. */
final class OrderEvents {

    private OrderEvents() {
    }

    /** Returns {@code count} events spread round-robin over {@code orders} orders, with sequences from 1. */
    static List<OrderEvent> interleaved(int orders, int count) {
        List<OrderEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String orderId = "order-" + (i % orders);
            long sequence = i / orders + 1;
            events.add(OrderEvent.of(orderId, sequence, "STATUS-" + sequence));
        }
        return events;
    }

    /**
     * Publishes the events one at a time, each after the broker has acknowledged the one before.
     * NOTE: with several batches in flight to a topic created a moment before, the embedded broker
     * of Kafka 4.1.1 was seen to answer NOT_LEADER_OR_FOLLOWER for batches it had written, then to
     * reject their retry with OUT_OF_ORDER_SEQUENCE_NUMBER, which the producer retries until its
     * two-minute delivery timeout. With one batch in flight, the retry is recognized as a duplicate.
     */
    static void publishAll(OrderEventPublisher publisher, List<OrderEvent> events) throws Exception {
        for (OrderEvent event : events) {
            publisher.publish(event).get(30, TimeUnit.SECONDS);
        }
    }

    /** Returns the orders whose sequences did not arrive as 1, 2, 3, ... */
    static Map<String, List<Long>> outOfOrder(Map<String, List<Long>> sequencesByOrder) {
        Map<String, List<Long>> wrong = new TreeMap<>();
        sequencesByOrder.forEach((orderId, sequences) -> {
            for (int i = 0; i < sequences.size(); i++) {
                if (sequences.get(i) != i + 1) {
                    wrong.put(orderId, sequences);
                    return;
                }
            }
        });
        return wrong;
    }
}
