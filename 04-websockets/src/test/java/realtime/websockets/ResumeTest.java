package realtime.websockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;

@Tag("step-5")
@DisplayName("Step 5 — Resume from the last sequence seen")
class ResumeTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("a join with since gets exactly the events after it")
    void joinWithSinceGetsOnlyLaterEvents() {
        ChatFixture chat = ChatFixture.start(cleanup);
        ChatTestClient bob = chat.connect("bob").joinAndWait("lobby");
        for (int i = 1; i <= 5; i++) {
            bob.say("lobby", "message " + i);
        }
        await().until(() -> bob.messages("ack").size() == 5);
        // lobby now holds: 1 bob joined, 2..6 the says.

        ChatTestClient ann = chat.connect("ann").join("lobby", 4);

        JsonNode history = ann.awaitMessage("history", "Step 5: a join with since must get a history. See Room.catchUp");
        List<Long> seqs = new ArrayList<>();
        history.path("messages").forEach(event -> seqs.add(event.path("seq").asLong()));
        assertThat(seqs)
                .as("Step 5: since 4 means ann saw events up to 4 and needs 5 and 6 only, got %s. See Room.catchUp", history)
                .containsExactly(5L, 6L);
        assertThat(history.path("latest").asLong()).as("Step 5: the history names the latest sequence").isEqualTo(6L);
    }

    @Test
    @DisplayName("a join with since older than the history gets a reset")
    void sinceOlderThanHistoryGetsReset() {
        ChatFixture chat = ChatFixture.start(cleanup, ChatFixture.settings().withHistorySize(10));
        ChatTestClient bob = chat.connect("bob").joinAndWait("lobby");
        for (int i = 1; i <= 30; i++) {
            bob.say("lobby", "message " + i);
        }
        await().until(() -> bob.messages("ack").size() == 30);
        // lobby holds 31 events and keeps 22 to 31.

        ChatTestClient ann = chat.connect("ann").join("lobby", 3);

        JsonNode reset = ann.awaitMessage("reset",
                "Step 5: events 4 to 21 are gone from history, so a join with since 3 must get a reset, not a history with a gap. See Room.catchUp");
        assertThat(reset.path("oldest").asLong()).as("Step 5: the reset names the oldest sequence kept: %s", reset).isEqualTo(22L);
        assertThat(reset.path("latest").asLong()).as("Step 5: the reset names the latest sequence: %s", reset).isEqualTo(31L);
        assertThat(reset.path("messages")).as("Step 5: the reset carries what history holds, to rebuild from").hasSize(10);
        assertThat(ann.messages("history")).as("Step 5: a reset replaces the history").isEmpty();
    }

    @Test
    @DisplayName("a join with since right before the oldest kept event gets a history")
    void sinceAtHistoryEdgeGetsHistory() {
        ChatFixture chat = ChatFixture.start(cleanup, ChatFixture.settings().withHistorySize(10));
        ChatTestClient bob = chat.connect("bob").joinAndWait("lobby");
        for (int i = 1; i <= 30; i++) {
            bob.say("lobby", "message " + i);
        }
        await().until(() -> bob.messages("ack").size() == 30);

        ChatTestClient ann = chat.connect("ann").join("lobby", 21);

        JsonNode history = ann.awaitMessage("history", "Step 5: since 21 is just before the oldest kept event 22, so nothing is lost: a history");
        assertThat(history.path("messages")).as("Step 5: events 22 to 31").hasSize(10);
    }

    @Test
    @DisplayName("a join with since beyond the latest sequence gets a reset")
    void sinceBeyondLatestGetsReset() {
        ChatFixture chat = ChatFixture.start(cleanup);
        chat.connect("bob").joinAndWait("lobby");

        ChatTestClient ann = chat.connect("ann").join("lobby", 500);

        ann.awaitMessage("reset",
                "Step 5: since 500 is ahead of the room (the client saw a server before a restart), so it must get a reset. See Room.catchUp");
    }

    @Test
    @DisplayName("a dropped and resumed connection loses and repeats nothing")
    void droppedAndResumedLosesNothing() {
        ChatFixture chat = ChatFixture.start(cleanup);
        ChatTestClient bob = chat.connect("bob").joinAndWait("lobby");
        ChatTestClient ann = chat.connect("ann").joinAndWait("lobby");
        for (int i = 1; i <= 20; i++) {
            bob.say("lobby", "before " + i);
        }
        await().until(() -> ann.messages("say").size() == 20);
        List<Long> firstConnection = ann.seqs("lobby");
        long lastSeen = firstConnection.get(firstConnection.size() - 1);

        ann.abort();
        for (int i = 1; i <= 20; i++) {
            bob.say("lobby", "during " + i);
        }
        ChatTestClient resumed = chat.connect("ann").join("lobby", lastSeen);
        for (int i = 1; i <= 20; i++) {
            bob.say("lobby", "after " + i);
        }

        await().until(() -> bob.messages("ack").size() == 60);
        long lastSay = bob.messages("ack").get(59).path("seq").asLong();
        await().alias("Step 5: the resumed connection must reach the last say, sequence " + lastSay)
                .until(() -> resumed.seqs("lobby").contains(lastSay));
        // The resumed join may be handled after bob's last say, so its presence can come last.
        List<Long> all = new ArrayList<>(firstConnection);
        all.addAll(resumed.seqs("lobby"));
        long first = all.get(0);
        long last = all.get(all.size() - 1);
        assertThat(all)
                .as("Step 5: across both connections ann must see every event once, in order, from %s to %s. "
                        + "A repeat means the history started before since; a gap means it started after. See Room.catchUp", first, last)
                .isEqualTo(LongStream.rangeClosed(first, last).boxed().toList());
    }
}
