package realtime.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import realtime.grpc.api.ChatEvent;
import realtime.grpc.api.ChatMessage;

/**
 * One ChatStream call: reads the participant's messages and sends it acknowledgements and the
 * others' messages.
 *
 * <p>NOTE: a participant that stops reading makes gRPC buffer every broadcast to it without limit.
 * A production room gives each participant a bounded queue, drained while the call is ready, and
 * disconnects a participant that falls too far behind.
 */
final class ChatParticipant implements StreamObserver<ChatMessage> {

    private static final Logger log = LoggerFactory.getLogger(ChatParticipant.class);

    private final ChatRoom room;
    private final ServerCallStreamObserver<ChatEvent> call;
    private boolean closed;

    ChatParticipant(ChatRoom room, ServerCallStreamObserver<ChatEvent> call) {
        this.room = room;
        this.call = call;
    }

    @Override
    public void onNext(ChatMessage message) {
        throw new UnsupportedOperationException("TODO step 5: end the call with INVALID_ARGUMENT for an empty sender or text, else publish");
    }

    @Override
    public void onError(Throwable error) {
        log.debug("Participant's call failed: {}", error.toString());
        room.leave(this);
    }

    @Override
    public void onCompleted() {
        room.leave(this);
        synchronized (this) {
            if (!closed) {
                closed = true;
                call.onCompleted();
            }
        }
    }

    /**
     * Sends one event to this participant. Synchronized because a StreamObserver is not
     * thread-safe, and other participants' threads broadcast to this one while it is acknowledged.
     */
    synchronized void send(ChatEvent event) {
        if (!closed && !call.isCancelled()) {
            call.onNext(event);
        }
    }

    private synchronized void fail(Status status) {
        if (!closed) {
            closed = true;
            call.onError(status.asRuntimeException());
        }
    }
}
