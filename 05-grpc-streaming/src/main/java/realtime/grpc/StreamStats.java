package realtime.grpc;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters of the order streams of one server, for tests and monitoring. Updates produced minus
 * updates the client has read is what sits in buffers between the two: flow control keeps it
 * bounded.
 */
public final class StreamStats {

    private final AtomicLong updatesProduced = new AtomicLong();
    private final AtomicInteger cancelHandlerRuns = new AtomicInteger();
    private final AtomicInteger streamsCompleted = new AtomicInteger();

    /** Returns how many updates the server has handed to gRPC, over every stream. */
    public long updatesProduced() {
        return updatesProduced.get();
    }

    /** Returns how many times a stream's cancel handler has run. */
    public int cancelHandlerRuns() {
        return cancelHandlerRuns.get();
    }

    /** Returns how many streams ended after their order's terminal update. */
    public int streamsCompleted() {
        return streamsCompleted.get();
    }

    void updateProduced() {
        updatesProduced.incrementAndGet();
    }

    void cancelHandlerRan() {
        cancelHandlerRuns.incrementAndGet();
    }

    void streamCompleted() {
        streamsCompleted.incrementAndGet();
    }
}
