package realtime.grpc;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import realtime.grpc.api.ChatEvent;
import realtime.grpc.api.ChatMessage;
import realtime.grpc.api.ChatServiceGrpc;

/**
 * One participant of the chat room, on the async stub: the bidirectional call stays open, messages
 * go out with {@link #say}, and every ack and broadcast goes to a listener on a gRPC thread.
 */
public final class ChatClient implements AutoCloseable {

    private final String sender;
    private final StreamObserver<ChatMessage> requests;
    private final CompletableFuture<Status> ended = new CompletableFuture<>();
    private long lastMessageNumber;

    /** Joins the room as {@code sender}; {@code onEvent} receives the events in the order they arrive. */
    public ChatClient(Channel channel, String sender, Consumer<ChatEvent> onEvent) {
        this.sender = sender;
        this.requests = ChatServiceGrpc.newStub(channel).chatStream(new StreamObserver<>() {
            @Override
            public void onNext(ChatEvent event) {
                onEvent.accept(event);
            }

            @Override
            public void onError(Throwable error) {
                ended.complete(Status.fromThrowable(error));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        });
    }

    /**
     * Sends a message and returns its client message id, which the server's ack carries back.
     * Synchronized because the request observer is not thread-safe.
     */
    public synchronized String say(String text) {
        String clientMessageId = sender + "-" + (++lastMessageNumber);
        requests.onNext(ChatMessage.newBuilder()
                .setClientMessageId(clientMessageId)
                .setSender(sender)
                .setText(text)
                .build());
        return clientMessageId;
    }

    /** Returns the status the call ended with: OK after a clean leave, the server's error otherwise. */
    public CompletableFuture<Status> ended() {
        return ended;
    }

    /** Leaves the room: ends this side of the call, and the server then ends its side. */
    @Override
    public synchronized void close() {
        if (!ended.isDone()) {
            requests.onCompleted();
        }
    }
}
