package realtime.kafka;

/**
 * What a consumer does with each order event: update a store, push it to browsers. The consumer
 * calls it on its own thread, one event at a time, in partition order.
 */
@FunctionalInterface
public interface OrderEventHandler {

    void handle(OrderEvent event);
}
