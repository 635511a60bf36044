package realtime.kafka;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes the first {@code limit} events on, then throws on the next one, as if the process died
 * right there: after processing {@code limit} records and before the consumer commits them.
 */
final class CrashingHandler implements OrderEventHandler {

    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(int handled) {
            super("Simulated crash after handling " + handled + " events");
        }
    }

    private final int limit;
    private final OrderEventHandler next;
    private final AtomicInteger handled = new AtomicInteger();

    CrashingHandler(int limit, OrderEventHandler next) {
        this.limit = limit;
        this.next = next;
    }

    @Override
    public void handle(OrderEvent event) {
        if (handled.get() == limit) {
            throw new SimulatedCrash(limit);
        }
        next.handle(event);
        handled.incrementAndGet();
    }
}
