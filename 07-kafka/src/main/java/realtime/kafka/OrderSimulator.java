package realtime.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a few simulated orders through their statuses, one event at a time, for the demo page.
 * Each order's events carry increasing sequence numbers, so the page can show that they arrive in
 * order.
 */
final class OrderSimulator implements AutoCloseable {

    static final List<String> STATUSES = List.of("PLACED", "PAID", "PACKED", "SHIPPED", "DELIVERED");

    private static final Logger LOG = LoggerFactory.getLogger(OrderSimulator.class);
    private static final int ACTIVE_ORDERS = 4;

    private final OrderEventPublisher publisher;
    private final AtomicInteger nextOrderNumber = new AtomicInteger(1001);
    // Order id to the index in STATUSES of its last published event.
    private final Map<String, Integer> active = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "order-simulator");
        thread.setDaemon(true);
        return thread;
    });

    OrderSimulator(OrderEventPublisher publisher) {
        this.publisher = publisher;
    }

    void start(long periodMillis) {
        timer.scheduleAtFixedRate(this::tick, 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Places a new order and returns its id. */
    synchronized String placeOrder() {
        String orderId = "order-" + nextOrderNumber.getAndIncrement();
        active.put(orderId, 0);
        publish(OrderEvent.of(orderId, 1, STATUSES.get(0)));
        return orderId;
    }

    private synchronized void tick() {
        if (active.size() < ACTIVE_ORDERS) {
            placeOrder();
            return;
        }
        List<String> orderIds = List.copyOf(active.keySet());
        String orderId = orderIds.get(ThreadLocalRandom.current().nextInt(orderIds.size()));
        int status = active.get(orderId) + 1;
        publish(OrderEvent.of(orderId, status + 1, STATUSES.get(status)));
        if (status == STATUSES.size() - 1) {
            active.remove(orderId);
        } else {
            active.put(orderId, status);
        }
    }

    private void publish(OrderEvent event) {
        try {
            publisher.publish(event).whenComplete((metadata, error) -> {
                if (error != null) {
                    LOG.warn("Could not publish {} of {}: {}", event.status(), event.orderId(), error.toString());
                }
            });
        } catch (UnsupportedOperationException e) {
            LOG.warn("Not publishing: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
