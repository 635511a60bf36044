package realtime.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import realtime.grpc.api.ChatAck;
import realtime.grpc.api.ChatBroadcast;
import realtime.grpc.api.ChatEvent;
import realtime.grpc.api.ChatMessage;
import realtime.grpc.api.ChatServiceGrpc;

/** The chat room of one server. Each open ChatStream call is one participant. */
public final class ChatRoom extends ChatServiceGrpc.ChatServiceImplBase {

    private static final Logger log = LoggerFactory.getLogger(ChatRoom.class);

    private final Set<ChatParticipant> participants = ConcurrentHashMap.newKeySet();
    private long lastSequence;

    /** Bidirectional streaming: joins the caller to the room until its call ends. */
    @Override
    public StreamObserver<ChatMessage> chatStream(StreamObserver<ChatEvent> responseObserver) {
        var call = (ServerCallStreamObserver<ChatEvent>) responseObserver;
        ChatParticipant participant = new ChatParticipant(this, call);
        call.setOnCancelHandler(() -> leave(participant));
        participants.add(participant);
        log.debug("A participant joined; {} in the room", participants.size());
        return participant;
    }

    /** Returns how many participants are in the room. */
    public int participantCount() {
        return participants.size();
    }

    /**
     * Acknowledges a message to its sender and broadcasts it to everyone else. Synchronized, so
     * every participant receives messages in the order of their sequence numbers.
     */
    synchronized void publish(ChatParticipant sender, ChatMessage message) {
        throw new UnsupportedOperationException("TODO step 5: number the message, acknowledge it to the sender, broadcast it to the others");
    }

    void leave(ChatParticipant participant) {
        if (participants.remove(participant)) {
            log.debug("A participant left; {} in the room", participants.size());
        }
    }
}
