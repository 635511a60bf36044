package realtime.grpc;

import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Collects what an async call receives: its messages, then how it ended. */
final class Collector<T> implements StreamObserver<T> {

    final List<T> values = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> done = new CompletableFuture<>();

    @Override
    public void onNext(T value) {
        values.add(value);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    @Override
    public void onCompleted() {
        done.complete(null);
    }

    /**
     * Returns the messages received so far, or throws the error the call ended with, so a wait for
     * messages that will never come fails at once with the reason.
     */
    List<T> valuesSoFar() {
        Throwable error = error();
        if (error instanceof RuntimeException e) {
            throw e;
        }
        if (error != null) {
            throw new IllegalStateException(error);
        }
        return values;
    }

    /** Returns the error the call ended with, or null while it is open or when it completed. */
    Throwable error() {
        return done.isCompletedExceptionally() ? done.handle((ignored, error) -> error).join() : null;
    }
}
