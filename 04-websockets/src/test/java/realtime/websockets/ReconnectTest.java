package realtime.websockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Ports;

@Tag("step-7")
@DisplayName("Step 7 — Reconnect with backoff and resume")
class ReconnectTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("backoff doubles its ceiling per attempt up to the maximum")
    void backoffGrowsToMaximum() {
        Backoff lowest = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.0);
        Backoff highest = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), () -> 0.999_999);

        List<Long> ceilings = List.of(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
        for (int attempt = 0; attempt < ceilings.size(); attempt++) {
            long ceiling = ceilings.get(attempt);
            assertThat(lowest.delay(attempt).toMillis())
                    .as("Step 7: attempt %s has a ceiling of %s ms; the shortest delay is half of it. See Backoff.delay", attempt, ceiling)
                    .isEqualTo(ceiling / 2);
            assertThat(highest.delay(attempt).toMillis())
                    .as("Step 7: attempt %s has a ceiling of %s ms; the longest delay is the ceiling. See Backoff.delay", attempt, ceiling)
                    .isEqualTo(ceiling);
        }
        assertThat(highest.delay(10_000).toMillis()).as("Step 7: a huge attempt number stays at the maximum, with no overflow").isEqualTo(5000);
    }

    @Test
    @DisplayName("backoff spreads the delays of one attempt with jitter")
    void backoffHasJitter() {
        Backoff backoff = Backoff.of(Duration.ofMillis(100), Duration.ofSeconds(5));

        long distinct = IntStream.range(0, 50).mapToObj(i -> backoff.delay(4).toMillis()).distinct().count();

        assertThat(distinct).as("Step 7: 50 delays for the same attempt must differ, so clients do not retry in step. See Backoff.delay")
                .isGreaterThan(10);
    }

    @Test
    @DisplayName("the client waits longer after each failed attempt")
    void clientBacksOffWhileServerIsDown() {
        URI nobodyListens = URI.create("ws://127.0.0.1:" + Ports.free() + "/chat?token=x");
        ChatClient client = cleanup.add(ChatClient.start(nobodyListens, new Backoff(Duration.ofMillis(50), Duration.ofSeconds(2), () -> 0.0),
                Duration.ofSeconds(1), message -> { }));

        await().alias("Step 7: the client must keep trying to connect. See ChatClient.scheduleReconnect")
                .until(() -> client.attemptTimes().size() >= 5);

        List<Long> times = client.attemptTimes();
        for (int i = 1; i < 5; i++) {
            long gapMillis = (times.get(i) - times.get(i - 1)) / 1_000_000;
            long expected = 25L << (i - 1);
            assertThat(gapMillis)
                    .as("Step 7: before attempt %s the client must wait at least %s ms (half of 50 ms doubled per attempt), waited %s ms",
                            i, expected, gapMillis)
                    .isGreaterThanOrEqualTo(expected);
        }
    }

    @Test
    @DisplayName("a dropped client reconnects and resumes, losing and repeating nothing")
    void droppedClientResumes() {
        ChatFixture chat = ChatFixture.start(cleanup);
        ChatTestClient bob = chat.connect("bob").joinAndWait("lobby");
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        ChatClient ann = cleanup.add(ChatClient.start(chat.uri("ann"), new Backoff(Duration.ofMillis(400), Duration.ofSeconds(2), () -> 0.5),
                Duration.ofSeconds(1), received::add));
        ann.join("lobby");
        await().alias("Step 7: the client joins lobby").until(() -> ann.lastSeq("lobby") >= 2);
        sayAll(bob, "before", 10);
        await().until(() -> says(received).size() == 10);

        chat.server().sessionsOf("ann").get(0).connection().abort("dropped by the test");
        await().alias("Step 7: the client notices the drop").until(() -> !ann.isConnected());
        sayAll(bob, "during", 10);
        await().alias("Step 7: the client must reconnect after its backoff. See ChatClient.scheduleReconnect")
                .until(() -> ann.connections() == 2 && ann.isConnected());
        sayAll(bob, "after", 10);

        await().alias("Step 7: the client must get all 30 says; got " + says(received))
                .until(() -> says(received).size() >= 30);
        assertThat(says(received))
                .as("Step 7: every say exactly once, in order. A repeat means the rejoin did not send since; a gap means it sent too high a since. "
                        + "See ChatClient.rejoin")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 3).boxed()
                        .flatMap(part -> IntStream.rangeClosed(1, 10).mapToObj(n -> List.of("before", "during", "after").get(part - 1) + " " + n))
                        .toList());
    }

    @Test
    @DisplayName("the client answers pings and stays connected")
    void clientAnswersPings() {
        Duration interval = Duration.ofMillis(250);
        ChatFixture chat = ChatFixture.start(cleanup, ChatFixture.settings().withPingInterval(interval));
        ChatClient ann = cleanup.add(ChatClient.start(chat.uri("ann"), Backoff.of(Duration.ofMillis(100), Duration.ofSeconds(1)),
                Duration.ofSeconds(30), message -> { }));
        ann.join("lobby");
        await().until(() -> ann.isConnected() && ann.lastSeq("lobby") >= 1);

        await().during(interval.multipliedBy(8)).atMost(interval.multipliedBy(8).plusSeconds(5))
                .alias("Step 7: the client answers the server's pings, so it is never closed and never reconnects")
                .until(() -> ann.isConnected() && ann.connections() == 1);
    }

    private static void sayAll(ChatTestClient client, String prefix, int count) {
        for (int i = 1; i <= count; i++) {
            client.say("lobby", prefix + " " + i);
        }
    }

    private static List<String> says(List<JsonNode> received) {
        return received.stream().filter(message -> message.path("type").asText().equals("say"))
                .map(message -> message.path("text").asText()).toList();
    }
}
