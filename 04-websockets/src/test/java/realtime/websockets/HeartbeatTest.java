package realtime.websockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;

@Tag("step-6")
@DisplayName("Step 6 — Detect dead peers with pings")
class HeartbeatTest {

    private static final Duration INTERVAL = Duration.ofMillis(250);
    // Three intervals, plus a second for a busy machine; a server without a working heartbeat never closes the peer.
    private static final Duration DETECTION_BOUND = INTERVAL.multipliedBy(3).plusSeconds(1);

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("a tick pings a recent peer and closes one silent for over two intervals")
    void tickPingsRecentAndClosesSilent() {
        RecordingConnection recent = new RecordingConnection();
        RecordingConnection silent = new RecordingConnection();
        ChatSession recentSession = new ChatSession("ann", recent, 10);
        ChatSession silentSession = new ChatSession("dan", silent, 10);
        Heartbeat heartbeat = new Heartbeat(INTERVAL, () -> List.of(recentSession, silentSession));
        long base = System.nanoTime();
        recentSession.heardAt(base);
        silentSession.heardAt(base - INTERVAL.toNanos());

        heartbeat.tick(base + INTERVAL.toNanos() * 3 / 2);

        assertThat(recent.pings()).as("Step 6: a peer heard from 1.5 intervals ago gets a ping. See Heartbeat.tick").isEqualTo(1);
        assertThat(recent.closeCode()).as("Step 6: a peer heard from 1.5 intervals ago stays open. See Heartbeat.tick").isNull();
        assertThat(silent.closeCode())
                .as("Step 6: a peer silent for 2.5 intervals is closed with no close frame (abort). See Heartbeat.tick")
                .isEqualTo(CloseCodes.ABNORMAL);
    }

    @Test
    @DisplayName("a peer that stops answering pings is closed within three intervals")
    void deadPeerClosedWithinThreeIntervals() {
        ChatFixture chat = ChatFixture.start(cleanup, ChatFixture.settings().withPingInterval(INTERVAL));
        ChatTestClient ann = chat.connect("ann").joinAndWait("lobby");
        RawPeer dan = chat.raw("dan", 64 * 1024);

        dan.sendText("{\"type\":\"join\",\"room\":\"lobby\"}");
        long lastHeard = System.nanoTime();
        ann.awaitMessage("presence", message -> isPresence(message, "dan", "joined"), "Step 6: dan joins lobby");

        ann.awaitMessage("presence", message -> isPresence(message, "dan", "left"),
                "Step 6: dan answers no pings and must be closed, and the room told. See Heartbeat.tick");
        Duration detectedAfter = Duration.ofNanos(System.nanoTime() - lastHeard);
        assertThat(detectedAfter)
                .as("Step 6: with pings every %s ms, a dead peer must be closed within three intervals; took %s ms",
                        INTERVAL.toMillis(), detectedAfter.toMillis())
                .isLessThanOrEqualTo(DETECTION_BOUND);
    }

    @Test
    @DisplayName("a peer that answers pings stays open while it sends nothing")
    void livePeerStaysOpen() {
        ChatFixture chat = ChatFixture.start(cleanup, ChatFixture.settings().withPingInterval(INTERVAL));
        ChatTestClient ann = chat.connect("ann").joinAndWait("lobby");
        ChatTestClient bob = chat.connect("bob").joinAndWait("lobby");

        await().during(INTERVAL.multipliedBy(8)).atMost(INTERVAL.multipliedBy(8).plusSeconds(5))
                .alias("Step 6: bob answers every ping (the JDK client does) and must stay open; count a pong as hearing from the peer")
                .until(() -> !bob.isClosed() && ann.messages("presence").stream().noneMatch(message -> isPresence(message, "bob", "left")));
    }

    @Test
    @DisplayName("the room hears once that a dead peer left")
    void deadPeerLeavesOnce() {
        ChatFixture chat = ChatFixture.start(cleanup, ChatFixture.settings().withPingInterval(INTERVAL));
        ChatTestClient ann = chat.connect("ann").joinAndWait("lobby");
        RawPeer dan = chat.raw("dan", 64 * 1024);
        dan.sendText("{\"type\":\"join\",\"room\":\"lobby\"}");
        ann.awaitMessage("presence", message -> isPresence(message, "dan", "left"), "Step 6: dan must be closed as dead");

        await().during(INTERVAL.multipliedBy(4)).atMost(INTERVAL.multipliedBy(4).plusSeconds(5))
                .alias("Step 6: closing runs once: the abort and the library's close callback must not both tell the room. See ChatRooms.disconnect")
                .until(() -> ann.messages("presence").stream().filter(message -> isPresence(message, "dan", "left")).count() == 1);
    }

    @Test
    @DisplayName("a session reported closed twice leaves its rooms once")
    void disconnectTwiceLeavesOnce() {
        ChatRooms rooms = new ChatRooms(10);
        RecordingConnection annConnection = new RecordingConnection();
        ChatSession ann = new ChatSession("ann", annConnection, 10);
        ChatSession dan = new ChatSession("dan", new RecordingConnection(), 10);
        rooms.handle(ann, "{\"type\":\"join\",\"room\":\"lobby\"}");
        rooms.handle(dan, "{\"type\":\"join\",\"room\":\"lobby\"}");

        rooms.disconnect(dan);
        rooms.disconnect(dan);

        assertThat(annConnection.messages().stream().filter(message -> isPresence(message, "dan", "left")))
                .as("Step 6: the heartbeat and the library may both report one close; the room must hear once. See ChatRooms.disconnect")
                .hasSize(1);
    }

    @Test
    @DisplayName("a client that leaves and then disconnects is announced once")
    void leaveThenDisconnectAnnouncedOnce() {
        ChatFixture chat = ChatFixture.start(cleanup);
        ChatTestClient ann = chat.connect("ann").joinAndWait("lobby");
        ChatTestClient bob = chat.connect("bob").joinAndWait("lobby");

        bob.leave("lobby");
        ann.awaitMessage("presence", message -> isPresence(message, "bob", "left"), "Step 6: bob leaves lobby");
        bob.abort();
        ChatTestClient cat = chat.connect("cat").joinAndWait("lobby");
        cat.say("lobby", "after bob");

        ann.awaitMessage("say", message -> message.path("text").asText().equals("after bob"), "Step 6: cat's say reaches ann");
        assertThat(ann.messages("presence").stream().filter(message -> isPresence(message, "bob", "left")))
                .as("Step 6: bob left once; his disconnect after leaving must not announce it again")
                .hasSize(1);
    }

    private static boolean isPresence(JsonNode message, String user, String event) {
        return message.path("user").asText().equals(user) && message.path("event").asText().equals(event);
    }
}
