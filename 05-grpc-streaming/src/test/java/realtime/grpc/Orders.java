package realtime.grpc;

import java.util.List;
import java.util.stream.LongStream;
import realtime.grpc.api.OrderStatus;
import realtime.grpc.api.OrderUpdate;

/** Test orders written straight into an {@link OrderLog}. */
final class Orders {

    /** The statuses of a delivered order, in the order they happen. */
    static final List<OrderStatus> DELIVERED_JOURNEY = List.of(
            OrderStatus.ORDER_STATUS_PLACED,
            OrderStatus.ORDER_STATUS_PAID,
            OrderStatus.ORDER_STATUS_PACKED,
            OrderStatus.ORDER_STATUS_SHIPPED,
            OrderStatus.ORDER_STATUS_DELIVERED);

    private Orders() {
    }

    /** Appends a whole journey, ending with DELIVERED. */
    static void delivered(OrderLog log, String orderId) {
        for (OrderStatus status : DELIVERED_JOURNEY) {
            log.append(orderId, status, "step " + status);
        }
    }

    /** Appends PLACED, then {@code checkpoints} IN_TRANSIT updates, and no terminal update. */
    static void inTransit(OrderLog log, String orderId, int checkpoints) {
        log.append(orderId, OrderStatus.ORDER_STATUS_PLACED, "placed");
        for (int i = 1; i <= checkpoints; i++) {
            log.append(orderId, OrderStatus.ORDER_STATUS_IN_TRANSIT, "checkpoint " + i);
        }
    }

    static List<Long> sequences(List<OrderUpdate> updates) {
        return updates.stream().map(OrderUpdate::getSequence).toList();
    }

    static List<Long> range(long first, long last) {
        return LongStream.rangeClosed(first, last).boxed().toList();
    }
}
