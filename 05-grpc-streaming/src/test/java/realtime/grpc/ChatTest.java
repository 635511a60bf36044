package realtime.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.grpc.api.ChatEvent;
import realtime.grpc.api.ChatMessage;
import realtime.grpc.api.ChatServiceGrpc;
import realtime.testkit.Cleanup;

@Tag("step-5")
@DisplayName("Step 5 — Acknowledge and broadcast chat messages")
class ChatTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final Background background = cleanup.add(new Background());

    private final ChatRoom room = new ChatRoom();
    private ManagedChannel channel;

    @BeforeEach
    void startServer() {
        String name = InProcess.uniqueName();
        InProcess.startServer(cleanup, name, room);
        channel = InProcess.channel(cleanup, name);
    }

    @Test
    @DisplayName("acknowledges a message to its sender")
    void acknowledgesToSender() {
        Participant alice = join(1);

        alice.say("a-1", "alice", "hello");

        await("Step 5: alice's acknowledgement").until(() -> !alice.events.valuesSoFar().isEmpty());
        ChatEvent event = alice.events.values.get(0);
        assertThat(event.hasAck())
                .as("Step 5: the sender's first event is the ack of its message, got %s. See ChatRoom.publish.", event)
                .isTrue();
        assertThat(event.getAck().getClientMessageId()).as("Step 5: the ack names the sender's message id").isEqualTo("a-1");
        assertThat(event.getAck().getSequence()).as("Step 5: the room's first message has sequence 1").isEqualTo(1);
    }

    @Test
    @DisplayName("broadcasts a message to the others, not back to its sender")
    void broadcastsToOthers() {
        Participant alice = join(1);
        Participant bob = join(2);
        Participant carol = join(3);

        alice.say("a-1", "alice", "hello");
        await("Step 5: bob and carol get alice's message")
                .until(() -> received(alice, bob, carol).subList(1, 3).equals(List.of(1, 1)));
        bob.say("b-1", "bob", "hi alice");
        await("Step 5: alice gets bob's message").until(() -> alice.events.valuesSoFar().stream()
                .anyMatch(event -> event.getBroadcast().getSender().equals("bob")));

        for (Participant other : List.of(bob, carol)) {
            ChatEvent event = other.events.values.get(0);
            assertThat(event.hasBroadcast()).as("Step 5: the others get a broadcast, got %s", event).isTrue();
            assertThat(event.getBroadcast().getSender()).isEqualTo("alice");
            assertThat(event.getBroadcast().getText()).isEqualTo("hello");
            assertThat(event.getBroadcast().getSequence()).isEqualTo(1);
        }
        assertThat(alice.events.values)
                .as("Step 5: alice gets the ack of her message, then bob's message, but never her own message back."
                        + " See ChatRoom.publish.")
                .extracting(ChatEvent::getEventCase, event -> event.getBroadcast().getSender())
                .containsExactly(tuple(ChatEvent.EventCase.ACK, ""), tuple(ChatEvent.EventCase.BROADCAST, "bob"));
    }

    @Test
    @DisplayName("gives every participant the messages in one order")
    void keepsOneOrder() {
        Participant alice = join(1);
        Participant bob = join(2);
        Participant carol = join(3);

        CompletableFuture<Void> aliceTalks = background.run(() -> talk(alice, "alice", 50));
        CompletableFuture<Void> bobTalks = background.run(() -> talk(bob, "bob", 50));
        aliceTalks.join();
        bobTalks.join();

        await("Step 5: each participant gets 100 events")
                .until(() -> received(alice, bob, carol).stream().allMatch(count -> count >= 100));
        assertThat(received(alice, bob))
                .as("Step 5: alice and bob each get 50 acks and the other's 50 messages, nothing more")
                .containsExactly(100, 100);
        List<Long> sequences = new ArrayList<>();
        for (ChatEvent event : carol.events.values) {
            sequences.add(event.getBroadcast().getSequence());
        }
        assertThat(sequences)
                .as("Step 5: a listener sees sequences 1 to 100 in order, whichever sender they came from."
                        + " Is numbering and sending one step that only one thread runs at a time?")
                .isEqualTo(Orders.range(1, 100));
    }

    @Test
    @DisplayName("ends the call with INVALID_ARGUMENT for an empty text or sender")
    void rejectsEmptyTextOrSender() {
        Participant bob = join(1);
        Participant noText = join(2);
        Participant noSender = join(3);

        noText.say("n-1", "nadia", "");
        noSender.say("s-1", "", "who am I?");

        for (Participant bad : List.of(noText, noSender)) {
            await("Step 5: a bad message ends its sender's call").until(bad.events.done::isDone);
            Status status = Statuses.statusOf(bad.events.error());
            assertThat(status).as("Step 5: the call must end with an error, not complete").isNotNull();
            assertThat(status.getCode()).as("Step 5: got %s. See ChatParticipant.onNext.", status)
                    .isEqualTo(Status.Code.INVALID_ARGUMENT);
        }
        assertThat(Statuses.statusOf(noText.events.error()).getDescription()).contains("text");
        assertThat(Statuses.statusOf(noSender.events.error()).getDescription()).contains("sender");
        await("Step 5: the room drops both participants").until(() -> room.participantCount() == 1);
        assertThat(bob.events.values).as("Step 5: a rejected message reaches nobody").isEmpty();
    }

    @Test
    @DisplayName("drops a participant that leaves")
    void dropsParticipantThatLeaves() {
        Participant alice = join(1);
        join(2);

        alice.requests.onCompleted();

        await("Step 5: alice's call completes when she completes hers").until(alice.events.done::isDone);
        await("Step 5: the room has only bob left").until(() -> room.participantCount() == 1);
    }

    /** Joins the room and waits until the server counts the new participant. */
    private Participant join(int expectedCount) {
        Collector<ChatEvent> events = new Collector<>();
        StreamObserver<ChatMessage> requests = ChatServiceGrpc.newStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .chatStream(events);
        cleanup.add(() -> requests.onError(Status.CANCELLED.withDescription("test over").asRuntimeException()));
        await("Step 5: participant " + expectedCount + " joins").until(() -> room.participantCount() == expectedCount);
        return new Participant(requests, events);
    }

    /** Returns how many events each participant has received, failing at once if a call has ended with an error. */
    private static List<Integer> received(Participant... participants) {
        List<Integer> counts = new ArrayList<>();
        for (Participant participant : participants) {
            counts.add(participant.events.valuesSoFar().size());
        }
        return counts;
    }

    private static void talk(Participant participant, String sender, int messages) {
        for (int i = 0; i < messages; i++) {
            participant.say(sender + "-" + i, sender, "message " + i);
        }
    }

    private record Participant(StreamObserver<ChatMessage> requests, Collector<ChatEvent> events) {
        // A client's StreamObserver is not thread-safe either: one thread sends for each participant.
        void say(String clientMessageId, String sender, String text) {
            requests.onNext(ChatMessage.newBuilder().setClientMessageId(clientMessageId).setSender(sender).setText(text).build());
        }
    }
}
