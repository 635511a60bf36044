package realtime.kafka;

import java.util.Objects;
import java.util.UUID;

/**
 * One change in an order's life, such as {@code PAID} or {@code SHIPPED}.
 *
 * @param eventId    unique per event; a consumer that receives the same id twice has a redelivery
 * @param orderId    the record key, so every event of one order lands on one partition, in order
 * @param sequence   1 for an order's first event, 2 for its second, and so on
 * @param status     the order's status after this event
 * @param occurredAt when the event happened, in milliseconds since the epoch
 */
public record OrderEvent(String eventId, String orderId, long sequence, String status, long occurredAt) {

    public OrderEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(status, "status");
    }

    /** Creates an event with a new random id, happening now. */
    public static OrderEvent of(String orderId, long sequence, String status) {
        return new OrderEvent(UUID.randomUUID().toString(), orderId, sequence, status, System.currentTimeMillis());
    }
}
