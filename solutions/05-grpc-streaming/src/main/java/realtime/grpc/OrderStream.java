package realtime.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import java.util.Optional;
import realtime.grpc.api.OrderUpdate;

/**
 * One StreamOrderUpdates call: a position in the order's log and the call to send to. It reads the
 * next update only when gRPC reports that the client can take it, so a slow client costs the server
 * one position, not a queue of updates in memory.
 */
final class OrderStream {

    private final ServerCallStreamObserver<OrderUpdate> call;
    private final OrderLog orders;
    private final String orderId;
    private final StreamStats stats;

    // Guarded by this: the onReady handler, the cancel handler and appends run on different threads.
    private long lastSentSequence;
    private boolean finished;
    private OrderLog.Subscription subscription;

    OrderStream(ServerCallStreamObserver<OrderUpdate> call, OrderLog orders, String orderId, long afterSequence,
            StreamStats stats) {
        this.call = call;
        this.orders = orders;
        this.orderId = orderId;
        this.lastSentSequence = afterSequence;
        this.stats = stats;
    }

    /** Wires the call's handlers and sends what the client can take now. Call it from the service method. */
    synchronized void start() {
        // gRPC accepts these handlers only before the service method returns.
        call.setOnCancelHandler(() -> {
            stats.cancelHandlerRan();
            cancel();
        });
        call.setOnReadyHandler(this::sendWhileReady);

        subscription = orders.subscribe(orderId, this::sendWhileReady);
        sendWhileReady();
    }

    /**
     * Sends the next updates for as long as the client can take them, and completes the call after
     * the terminal update. Runs again when the client is ready for more and when the log grows.
     */
    synchronized void sendWhileReady() {
        // >>> step 2: send the next updates while the call is ready; complete after the terminal one
        while (!finished && call.isReady()) {
            Optional<OrderUpdate> next = orders.next(orderId, lastSentSequence);
            if (next.isEmpty()) {
                return;
            }

            OrderUpdate update = next.get();
            stats.updateProduced();
            call.onNext(update);
            lastSentSequence = update.getSequence();

            if (OrderLog.isTerminal(update.getStatus())) {
                finished = true;
                subscription.close();
                stats.streamCompleted();
                call.onCompleted();
            }
        }
        // <<< step 2
    }

    /** Runs once when the client cancels, its deadline passes or the connection drops. */
    synchronized void cancel() {
        // >>> step 3: stop producing and release the log subscription the stream holds
        finished = true;
        subscription.close();
        // <<< step 3
    }
}
