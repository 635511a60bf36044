package realtime.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;

@Tag("step-4")
@DisplayName("Step 4: clients that leave are removed, once each")
class ClientLifecycleTest {

    // Heartbeats every 100 ms find clients that vanished quickly.
    private static final StreamSettings FAST_HEARTBEAT = TestServer.SETTINGS.withHeartbeat(Duration.ofMillis(100));

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("removes a client that closes its connection")
    void removesClientThatCloses() {
        TestServer server = cleanup.add(TestServer.start(FAST_HEARTBEAT));
        OkHttpEvents okhttp = OkHttpEvents.connect(server.uri("/events"));
        okhttp.awaitOpen();
        await().until(() -> server.stream.stats().clients() == 1);

        okhttp.close();

        await().alias("Step 4: the stream forgets a client that closed its connection. See NotificationStream.leave.")
                .until(() -> server.stream.stats().clients() == 0);
        assertThat(server.stream.stats().left()).as("Step 4: the client is counted as left once").isEqualTo(1);
    }

    @Test
    @DisplayName("removes a client that vanished without closing")
    void removesClientThatVanished() {
        TestServer server = cleanup.add(TestServer.start(FAST_HEARTBEAT));
        RawSseConnection raw = RawSseConnection.events(server.port());
        raw.awaitBodyContaining("retry:");

        raw.abort();

        await().alias("Step 4: the next heartbeat to a vanished client fails and removes it. "
                        + "See ClientConnection.close and NotificationStream.leave.")
                .until(() -> server.stream.stats().clients() == 0);
        assertThat(server.stream.stats().left()).as("Step 4: the client is counted as left once").isEqualTo(1);
    }

    @Test
    @DisplayName("runs the close handling once per client, however it left")
    void closesOncePerClient() throws Exception {
        TestServer server = cleanup.add(TestServer.start(FAST_HEARTBEAT));
        OkHttpEvents closing = OkHttpEvents.connect(server.uri("/events"));
        RawSseConnection vanishing = RawSseConnection.events(server.port());
        RawSseConnection staying = cleanup.add(RawSseConnection.events(server.port()));
        closing.awaitOpen();
        vanishing.awaitBodyContaining("retry:");
        staying.awaitBodyContaining("retry:");
        await().until(() -> server.stream.stats().clients() == 3);

        closing.close();
        vanishing.abort();
        await().until(() -> server.stream.stats().clients() == 1);
        server.stream.close();

        await().alias("Step 4: closing the stream closes the last client").until(() -> server.stream.stats().clients() == 0);
        StreamStats stats = server.stream.stats();
        assertThat(stats.left())
                .as("Step 4: 3 clients joined, so 3 left, got %s. Javalin's SseClient.onClose runs when our own close "
                        + "closes it, so ClientConnection.close must ignore every call after the first.", stats)
                .isEqualTo(stats.joined())
                .isEqualTo(3);
        assertThat(staying.awaitBody("the stream ends", body -> staying.ended()))
                .as("Step 4: a client closed by the server sees its stream end").isNotNull();
    }

    @Test
    @DisplayName("keeps streaming to the clients that stay")
    void keepsStreamingToOthers() {
        TestServer server = cleanup.add(TestServer.start(FAST_HEARTBEAT));
        RawSseConnection leaving = RawSseConnection.events(server.port());
        OkHttpEvents staying = cleanup.add(OkHttpEvents.connect(server.uri("/events")));
        leaving.awaitBodyContaining("retry:");
        staying.awaitOpen();
        await().until(() -> server.stream.stats().clients() == 2);
        leaving.abort();
        await().until(() -> server.stream.stats().clients() == 1);

        server.publish("price", 1);

        assertThat(staying.awaitEvents(1)).as("Step 4: removing one client must not stop the others").hasSize(1);
    }
}
