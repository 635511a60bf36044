package realtime.kafka;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes the first {@code limit} events on, then blocks until released, as a process that hangs
 * or is killed would: the consumer neither polls nor commits again, and the group evicts it once
 * max.poll.interval.ms has passed. When released, it throws, so the frozen consumer stops.
 */
final class FreezingHandler implements OrderEventHandler {

    private final int limit;
    private final OrderEventHandler next;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger handled = new AtomicInteger();

    FreezingHandler(int limit, OrderEventHandler next) {
        this.limit = limit;
        this.next = next;
    }

    @Override
    public void handle(OrderEvent event) {
        if (handled.get() == limit) {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new CrashingHandler.SimulatedCrash(limit);
        }
        next.handle(event);
        handled.incrementAndGet();
    }

    /** Lets the frozen consumer thread go on, so that it stops. */
    void release() {
        release.countDown();
    }
}
