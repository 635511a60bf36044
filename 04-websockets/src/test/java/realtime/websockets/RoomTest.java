package realtime.websockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;

@Tag("step-3")
@DisplayName("Step 3 — Deliver messages to a room, in sequence")
class RoomTest {

    private static final Duration CROWD_TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("a say reaches every member of its room and no one else")
    void sayReachesRoomMembersOnly() {
        ChatFixture chat = ChatFixture.start(cleanup);
        ChatTestClient ann = chat.connect("ann").joinAndWait("lobby");
        ChatTestClient bob = chat.connect("bob").joinAndWait("lobby");
        ChatTestClient cat = chat.connect("cat").joinAndWait("garden");

        ann.say("lobby", "hello lobby");

        JsonNode atBob = bob.awaitMessage("say", message -> message.path("text").asText().equals("hello lobby"),
                "Step 3: bob is in lobby and must receive ann's say. See Room.say and Room.publish");
        assertThat(atBob.path("user").asText()).as("Step 3: a say names its sender: %s", atBob).isEqualTo("ann");
        assertThat(atBob.path("room").asText()).as("Step 3: a say names its room: %s", atBob).isEqualTo("lobby");
        ann.awaitMessage("say", message -> message.path("text").asText().equals("hello lobby"),
                "Step 3: the sender is a member too and gets its own say with its sequence number");
        ann.awaitMessage("ack", "Step 3: the sender gets an ack for its say");

        // Anything sent to cat for lobby was queued before cat's own say, so arrives before it.
        cat.say("garden", "hello garden");
        cat.awaitMessage("say", message -> message.path("text").asText().equals("hello garden"), "Step 3: cat gets its own say");
        assertThat(cat.messages("say"))
                .as("Step 3: cat is only in garden and must get nothing from lobby. See Room.publish: send to the room's members only.")
                .allMatch(message -> message.path("room").asText().equals("garden"));
    }

    @Test
    @DisplayName("the ack carries the say's id and sequence number")
    void ackCarriesIdAndSeq() {
        ChatFixture chat = ChatFixture.start(cleanup);
        ChatTestClient ann = chat.connect("ann").joinAndWait("lobby");

        ann.send("{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"hi\",\"id\":\"m-1\"}");

        JsonNode ack = ann.awaitMessage("ack", "Step 3: a say gets an ack. See Room.say");
        JsonNode say = ann.awaitMessage("say", "Step 3: the sender gets its say too");
        assertThat(ack.path("id").asText()).as("Step 3: the ack echoes the say's id: %s", ack).isEqualTo("m-1");
        assertThat(ack.path("seq").asLong()).as("Step 3: the ack carries the sequence number the say got: %s and %s", ack, say)
                .isEqualTo(say.path("seq").asLong());
    }

    @Test
    @DisplayName("presence events and says share one sequence per room, from 1")
    void presenceAndSaysShareOneSequence() {
        ChatFixture chat = ChatFixture.start(cleanup);
        ChatTestClient ann = chat.connect("ann").joinAndWait("lobby");
        ChatTestClient bob = chat.connect("bob").joinAndWait("lobby");
        ann.say("lobby", "one");
        ChatTestClient cat = chat.connect("cat").joinAndWait("garden");

        bob.leave("lobby");

        JsonNode left = ann.awaitMessage("presence", message -> message.path("event").asText().equals("left"),
                "Step 3: ann must see bob leave. See Room.leave");
        assertThat(ann.seqs("lobby"))
                .as("Step 3: lobby's events are ann joined, bob joined, say, bob left: ann must see sequence 1 to 4 once each, "
                        + "in its history or live, got %s. See Room.join and Room.publish", ann.messages())
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(left.path("user").asText()).as("Step 3: presence names who left: %s", left).isEqualTo("bob");
        JsonNode bobsHistory = bob.messages("history").get(0);
        assertThat(bobsHistory.path("members")).as("Step 3: the history a member gets on joining lists who is in the room: %s", bobsHistory)
                .extracting(JsonNode::asText).containsExactly("ann", "bob");
        cat.awaitMessage("presence", "Step 3: cat's own join is the first event of garden");
        assertThat(cat.messages("presence").get(0).path("seq").asLong())
                .as("Step 3: each room counts its own sequence from 1").isEqualTo(1L);
    }

    @Test
    @DisplayName("200 clients in a room all receive a broadcast")
    void twoHundredClientsReceiveBroadcast() {
        ChatFixture chat = ChatFixture.start(cleanup);
        List<ChatTestClient> clients = chat.connectAll(IntStream.range(0, 200).mapToObj(i -> "user" + i).toList());
        clients.forEach(client -> client.join("crowd"));
        // 200 joins send about 20,000 presence events; allow for a busy machine.
        await().atMost(CROWD_TIMEOUT).alias("Step 3: every member gets the room's history when it joins. See Room.join")
                .until(() -> clients.stream().allMatch(client -> client.messages("history").size() == 1));

        clients.get(0).say("crowd", "hello everyone");

        await().atMost(CROWD_TIMEOUT).alias("Step 3: every one of 200 members must receive the say. See Room.publish")
                .until(() -> clients.stream().allMatch(client -> client.messages("say").size() == 1));
        assertThat(clients).allSatisfy(client -> assertThat(client.messages("say").get(0).path("text").asText()).isEqualTo("hello everyone"));
    }

    @Test
    @DisplayName("says from 8 threads reach a member in sequence order, each sender's in its order")
    void concurrentSaysArriveInSequenceOrder() throws Exception {
        ChatRooms rooms = new ChatRooms(100);
        RecordingConnection reader = new RecordingConnection();
        ChatSession readerSession = new ChatSession("rex", reader, 100_000);
        rooms.handle(readerSession, "{\"type\":\"join\",\"room\":\"lobby\"}");
        List<ChatSession> senders = IntStream.range(0, 8)
                .mapToObj(i -> new ChatSession("sender" + i, new RecordingConnection(), 100_000)).toList();
        senders.forEach(sender -> rooms.handle(sender, "{\"type\":\"join\",\"room\":\"lobby\"}"));

        saysFromThreads(rooms, senders, 500);

        List<JsonNode> says = reader.messages().stream().filter(message -> message.path("type").asText().equals("say")).toList();
        assertThat(says).as("Step 3: the reader must receive all 4000 says").hasSize(4000);
        List<Long> seqs = says.stream().map(message -> message.path("seq").asLong()).toList();
        long first = seqs.get(0);
        assertThat(seqs)
                .as("Step 3: a member must receive events in sequence order with no gap or repeat. Number, store and send "
                        + "under one lock in Room.publish, or two threads can swap their sends.")
                .isEqualTo(LongStream.range(first, first + 4000).boxed().toList());
        for (int i = 0; i < 8; i++) {
            String user = "sender" + i;
            List<Integer> texts = says.stream().filter(message -> message.path("user").asText().equals(user))
                    .map(message -> Integer.parseInt(message.path("text").asText())).toList();
            assertThat(texts).as("Step 3: %s's says must arrive in the order it sent them", user)
                    .isEqualTo(IntStream.range(0, 500).boxed().toList());
        }
    }

    private static void saysFromThreads(ChatRooms rooms, List<ChatSession> senders, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> running = new ArrayList<>();
            for (ChatSession sender : senders) {
                running.add(pool.submit(() -> {
                    go.await();
                    for (int n = 0; n < each; n++) {
                        rooms.handle(sender, "{\"type\":\"say\",\"room\":\"lobby\",\"text\":\"" + n + "\"}");
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> sender : running) {
                sender.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
