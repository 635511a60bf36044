package realtime.grpc;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import realtime.grpc.api.OrderUpdate;
import realtime.grpc.api.StreamOrderUpdatesRequest;

/**
 * A client that requests one update at a time and stops requesting after {@code limit}, as a
 * client that falls behind does. The server can then send only what transport buffers hold.
 */
final class SlowReader implements ClientResponseObserver<StreamOrderUpdatesRequest, OrderUpdate> {

    final List<OrderUpdate> received = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final int limit;
    private volatile ClientCallStreamObserver<StreamOrderUpdatesRequest> call;

    SlowReader(int limit) {
        this.limit = limit;
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<StreamOrderUpdatesRequest> requestStream) {
        call = requestStream;
        requestStream.disableAutoRequestWithInitial(1);
    }

    @Override
    public void onNext(OrderUpdate update) {
        received.add(update);
        if (received.size() < limit) {
            call.request(1);
        }
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    @Override
    public void onCompleted() {
        done.complete(null);
    }

    /** Returns the updates received so far, or throws the error the call ended with. */
    List<OrderUpdate> receivedSoFar() {
        if (done.isCompletedExceptionally()) {
            done.join();
        }
        return received;
    }

    /** Cancels the call, as a client that closes the page or stops its job. */
    void cancel() {
        call.cancel("the reader has seen enough", null);
    }
}
