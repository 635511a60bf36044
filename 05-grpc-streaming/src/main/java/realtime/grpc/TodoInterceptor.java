package realtime.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a call whose handler is still an exercise with UNIMPLEMENTED and the exercise's
 * "TODO step N" message. Without it gRPC would send a bare UNKNOWN, and the client could not tell
 * an unfinished step from a bug.
 */
public final class TodoInterceptor implements ServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(TodoInterceptor.class);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(call, headers);
        } catch (UnsupportedOperationException e) {
            close(call, e);
            return new ServerCall.Listener<>() {
            };
        }

        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
                guard(call, () -> super.onMessage(message));
            }

            @Override
            public void onHalfClose() {
                guard(call, super::onHalfClose);
            }

            @Override
            public void onReady() {
                guard(call, super::onReady);
            }

            @Override
            public void onCancel() {
                // The call is over: there is no client left to tell.
                try {
                    super.onCancel();
                } catch (UnsupportedOperationException e) {
                    log.debug("Cancel handler of {} is still an exercise: {}", call.getMethodDescriptor().getFullMethodName(),
                            e.getMessage());
                }
            }
        };
    }

    private static void guard(ServerCall<?, ?> call, Runnable callback) {
        try {
            callback.run();
        } catch (UnsupportedOperationException e) {
            close(call, e);
        }
    }

    private static void close(ServerCall<?, ?> call, UnsupportedOperationException e) {
        log.debug("{} reached an exercise: {}", call.getMethodDescriptor().getFullMethodName(), e.getMessage());
        try {
            call.close(Status.UNIMPLEMENTED.withDescription(e.getMessage()), new Metadata());
        } catch (IllegalStateException alreadyClosed) {
            log.debug("Call was already closed", alreadyClosed);
        }
    }
}
