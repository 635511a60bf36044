package realtime.grpc;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import realtime.grpc.api.OrderStatus;
import realtime.grpc.api.OrderUpdate;

/**
 * Every order's updates, oldest first, numbered 1, 2, 3 per order. It is an in-memory substitute
 * for a durable log such as a Kafka partition or an order-events table. Readers keep their own
 * position and read at their own pace, so a slow reader costs the log nothing.
 */
public final class OrderLog {

    private static final Logger log = LoggerFactory.getLogger(OrderLog.class);

    private final Map<String, History> orders = new ConcurrentHashMap<>();
    private final Clock clock;

    public OrderLog() {
        this(Clock.systemUTC());
    }

    public OrderLog(Clock clock) {
        this.clock = clock;
    }

    /** Returns true for a status after which an order gets no more updates. */
    public static boolean isTerminal(OrderStatus status) {
        return status == OrderStatus.ORDER_STATUS_DELIVERED || status == OrderStatus.ORDER_STATUS_CANCELLED;
    }

    /**
     * Appends an update, creating the order on its first one, then notifies the order's subscribers.
     *
     * @throws IllegalStateException when the order already has a terminal update
     */
    public OrderUpdate append(String orderId, OrderStatus status, String detail) {
        History history = orders.computeIfAbsent(orderId, id -> new History());
        OrderUpdate update;
        synchronized (history) {
            if (!history.updates.isEmpty() && isTerminal(last(history).getStatus())) {
                throw new IllegalStateException("Order " + orderId + " is already " + last(history).getStatus()
                        + "; it takes no more updates");
            }
            update = OrderUpdate.newBuilder()
                    .setOrderId(orderId)
                    .setSequence(history.updates.size() + 1)
                    .setStatus(status)
                    .setDetail(detail)
                    .setOccurredAt(timestamp(clock.instant()))
                    .build();
            history.updates.add(update);
        }

        // Outside the lock: a subscriber sends to its client and must not hold up other appends.
        for (Runnable subscriber : history.subscribers) {
            try {
                subscriber.run();
            } catch (RuntimeException e) {
                // Drop it, so a broken subscriber fails once instead of on every later update.
                history.subscribers.remove(subscriber);
                log.warn("A subscriber of order {} failed on update {} and was removed; the others still get updates",
                        orderId, update.getSequence(), e);
            }
        }
        return update;
    }

    /** Returns the order's latest update, or empty for an order with no updates. */
    public Optional<OrderUpdate> latest(String orderId) {
        History history = orders.get(orderId);
        if (history == null) {
            return Optional.empty();
        }
        synchronized (history) {
            return history.updates.isEmpty() ? Optional.empty() : Optional.of(last(history));
        }
    }

    /** Returns the update that follows the given sequence, or empty when it has not happened yet. */
    public Optional<OrderUpdate> next(String orderId, long afterSequence) {
        History history = orders.get(orderId);
        if (history == null) {
            return Optional.empty();
        }
        synchronized (history) {
            if (afterSequence < 0 || afterSequence >= history.updates.size()) {
                return Optional.empty();
            }
            return Optional.of(history.updates.get((int) afterSequence));
        }
    }

    /**
     * Calls {@code onAppend} after each new update of the order, on the appending thread, until the
     * returned subscription is closed.
     */
    public Subscription subscribe(String orderId, Runnable onAppend) {
        History history = orders.computeIfAbsent(orderId, id -> new History());
        history.subscribers.add(onAppend);
        return () -> history.subscribers.remove(onAppend);
    }

    /** Returns how many subscriptions to the order are open: each one is a stream holding on to it. */
    public int subscriberCount(String orderId) {
        History history = orders.get(orderId);
        return history == null ? 0 : history.subscribers.size();
    }

    private static OrderUpdate last(History history) {
        return history.updates.get(history.updates.size() - 1);
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    /** An open subscription; closing it twice is harmless. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    // A subscription may come before the first update, so an order can exist with no updates yet.
    private static final class History {
        final List<OrderUpdate> updates = new ArrayList<>();
        final Set<Runnable> subscribers = new CopyOnWriteArraySet<>();
    }
}
