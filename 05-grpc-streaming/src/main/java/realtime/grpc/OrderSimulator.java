package realtime.grpc;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import realtime.grpc.api.OrderStatus;

/**
 * Moves demo orders through their statuses, one order a tick, and places a new order when one is
 * delivered, so the demo always has orders in flight.
 */
final class OrderSimulator implements AutoCloseable {

    private static final List<OrderStatus> JOURNEY = List.of(
            OrderStatus.ORDER_STATUS_PLACED,
            OrderStatus.ORDER_STATUS_PAID,
            OrderStatus.ORDER_STATUS_PACKED,
            OrderStatus.ORDER_STATUS_SHIPPED,
            OrderStatus.ORDER_STATUS_IN_TRANSIT,
            OrderStatus.ORDER_STATUS_IN_TRANSIT,
            OrderStatus.ORDER_STATUS_OUT_FOR_DELIVERY,
            OrderStatus.ORDER_STATUS_DELIVERED);
    private static final List<String> HUBS = List.of("Leeds hub", "Birmingham hub");

    private final OrderLog orders;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "order-simulator");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger nextOrderNumber = new AtomicInteger(1);
    private final int[] steps;
    private final String[] orderIds;

    OrderSimulator(OrderLog orders, int ordersInFlight) {
        this.orders = orders;
        this.steps = new int[ordersInFlight];
        this.orderIds = new String[ordersInFlight];
        for (int slot = 0; slot < ordersInFlight; slot++) {
            place(slot);
        }
    }

    /** Starts advancing one order every {@code period}, taking the orders in turn. */
    void start(long period, TimeUnit unit) {
        AtomicInteger turn = new AtomicInteger();
        ticker.scheduleAtFixedRate(() -> advance(turn.getAndIncrement() % steps.length), period, period, unit);
    }

    private void advance(int slot) {
        if (steps[slot] == JOURNEY.size()) {
            place(slot);
            return;
        }
        OrderStatus status = JOURNEY.get(steps[slot]);
        String detail = status == OrderStatus.ORDER_STATUS_IN_TRANSIT
                ? "Passed the " + HUBS.get(steps[slot] % HUBS.size())
                : "Order " + status.name().substring("ORDER_STATUS_".length()).toLowerCase().replace('_', ' ');
        orders.append(orderIds[slot], status, detail);
        steps[slot]++;
    }

    private void place(int slot) {
        orderIds[slot] = "order-" + nextOrderNumber.getAndIncrement();
        steps[slot] = 0;
        advance(slot);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
