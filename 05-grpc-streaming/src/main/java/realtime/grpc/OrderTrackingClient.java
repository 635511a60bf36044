package realtime.grpc;

import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import realtime.grpc.api.GetOrderRequest;
import realtime.grpc.api.Order;
import realtime.grpc.api.OrderTrackingServiceGrpc;
import realtime.grpc.api.OrderTrackingServiceGrpc.OrderTrackingServiceBlockingStub;
import realtime.grpc.api.OrderUpdate;
import realtime.grpc.api.StreamOrderUpdatesRequest;

/** A blocking client of OrderTrackingService. Every call it makes carries a deadline. */
public final class OrderTrackingClient {

    private static final Logger log = LoggerFactory.getLogger(OrderTrackingClient.class);

    static final Duration FIRST_RETRY_DELAY = Duration.ofMillis(100);
    static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(5);

    private final OrderTrackingServiceBlockingStub stub;
    private final Duration unaryDeadline;

    /**
     * @param unaryDeadline how long a GetOrder call may take before it fails with DEADLINE_EXCEEDED
     */
    public OrderTrackingClient(Channel channel, Duration unaryDeadline) {
        this.stub = OrderTrackingServiceGrpc.newBlockingStub(channel);
        this.unaryDeadline = unaryDeadline;
    }

    /** Opens a plaintext channel to a server on this machine, with keepalive settings the server accepts. */
    public static ManagedChannel connect(String host, int port) {
        return NettyChannelBuilder.forAddress(host, port)
                .usePlaintext()
                // Not more often than the server's permitKeepAliveTime, or it closes the connection.
                .keepAliveTime(OrderServer.PERMIT_KEEPALIVE_TIME.toSeconds() * 3, TimeUnit.SECONDS)
                .keepAliveTimeout(20, TimeUnit.SECONDS)
                .build();
    }

    /** Returns the order's latest status. */
    public Order getOrder(String orderId) {
        return stub.withDeadlineAfter(unaryDeadline.toMillis(), TimeUnit.MILLISECONDS)
                .getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build());
    }

    /**
     * Passes each update of the order after {@code afterSequence} to {@code onUpdate}, oldest first,
     * until the terminal one. When the stream breaks off (see {@link #isDisconnect}) it opens a new
     * stream from the last update it passed on, so the consumer receives every update once. Returns
     * the sequence of the terminal update.
     *
     * @param maxWait the deadline of the whole follow, reconnections included
     * @throws StatusRuntimeException any other error, or DEADLINE_EXCEEDED when {@code maxWait} runs out
     */
    public long follow(String orderId, long afterSequence, Duration maxWait, Consumer<OrderUpdate> onUpdate)
            throws InterruptedException {
        Deadline deadline = Deadline.after(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        throw new UnsupportedOperationException("TODO step 6: stream from the last update seen, and open a new stream after a disconnect");
    }

    /**
     * Returns true when a stream ended because the connection or the server went away, so that a new
     * stream may succeed. That is UNAVAILABLE (no connection, or it dropped), or a CANCELLED that
     * this client did not request, because a server that shuts down resets its open streams.
     */
    static boolean isDisconnect(Status status, Context.CancellableContext attempt) {
        throw new UnsupportedOperationException("TODO step 6: retry after UNAVAILABLE, and after a CANCELLED that this client did not cause");
    }
}
