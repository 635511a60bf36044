package realtime.kafka;

/**
 * The work a consumer does with each order event, such as updating a store or pushing the event to
 * browsers. The consumer calls it on its own thread, one event at a time, in partition order.
 */
@FunctionalInterface
public interface OrderEventHandler {

    void handle(OrderEvent event);
}
