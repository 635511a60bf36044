package realtime.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import realtime.grpc.api.GetOrderRequest;
import realtime.grpc.api.Order;
import realtime.grpc.api.OrderTrackingServiceGrpc;
import realtime.grpc.api.OrderUpdate;
import realtime.grpc.api.StreamOrderUpdatesRequest;

/** Order tracking over gRPC: a unary look-up and a server stream of one order's updates. */
public final class OrderTrackingService extends OrderTrackingServiceGrpc.OrderTrackingServiceImplBase {

    private final OrderLog orders;
    private final StreamStats stats;

    public OrderTrackingService(OrderLog orders, StreamStats stats) {
        this.orders = orders;
        this.stats = stats;
    }

    /** Unary: returns the order's latest status to the caller. */
    @Override
    public void getOrder(GetOrderRequest request, StreamObserver<Order> responseObserver) {
        throw new UnsupportedOperationException("TODO step 1: return the order's latest status, or the error from latestUpdate");
    }

    /**
     * Server streaming: sends the order's updates after the requested sequence, then new ones as
     * they happen, to this caller only, and ends after the terminal update.
     */
    @Override
    public void streamOrderUpdates(StreamOrderUpdatesRequest request, StreamObserver<OrderUpdate> responseObserver) {
        // The same checks as GetOrder, so a bad id fails at once instead of waiting forever.
        try {
            latestUpdate(request.getOrderId());
        } catch (StatusRuntimeException e) {
            responseObserver.onError(e);
            return;
        }
        if (request.getAfterSequence() < 0) {
            responseObserver.onError(Status.INVALID_ARGUMENT
                    .withDescription("after_sequence must be 0 or more, got " + request.getAfterSequence())
                    .asRuntimeException());
            return;
        }

        var call = (ServerCallStreamObserver<OrderUpdate>) responseObserver;
        new OrderStream(call, orders, request.getOrderId(), request.getAfterSequence(), stats).start();
    }

    /**
     * Returns the order's latest update.
     *
     * @throws StatusRuntimeException INVALID_ARGUMENT for an empty id, NOT_FOUND for an unknown one
     */
    OrderUpdate latestUpdate(String orderId) {
        throw new UnsupportedOperationException("TODO step 1: reject an empty id with INVALID_ARGUMENT and an unknown one with NOT_FOUND");
    }
}
