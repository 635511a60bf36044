package realtime.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import realtime.testkit.Cleanup;
import realtime.testkit.Http;
import realtime.testkit.StepTodo;

@Tag("step-7")
@DisplayName("Step 7: EventStreamSubscriber reconnects and delivers each event once")
class EventStreamSubscriberTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final List<ServerSentEvent> received = new CopyOnWriteArrayList<>();

    @Test
    @DisplayName("resumes with Last-Event-ID and drops the event cut off by the disconnect")
    void resumesWithLastEventId() {
        ScriptedSseServer server = cleanup.add(ScriptedSseServer.start(
                ScriptedSseServer.streamThenClose("retry: 100\n\nid: 1\ndata: one\n\nid: 2\ndata: two\n\nid: 3\ndata: thr"),
                ScriptedSseServer.streamAndStay("id: 3\ndata: three\n\nid: 4\ndata: four\n\n")));

        EventStreamSubscriber subscriber = subscribe(server.uri(), Duration.ofSeconds(5));
        awaitEvents(subscriber, 4);

        assertThat(received)
                .as("Step 7: events 1 and 2 from the first connection, 3 and 4 from the second; the half event 3 "
                        + "is dropped and replayed, so each event arrives once. See EventStreamSubscriber.connectOnce.")
                .containsExactly(
                        new ServerSentEvent("message", "one", "1"),
                        new ServerSentEvent("message", "two", "2"),
                        new ServerSentEvent("message", "three", "3"),
                        new ServerSentEvent("message", "four", "4"));
        assertThat(server.requests().get(0).headers())
                .as("Step 7: the first request asks for an event stream and has no id to resume from")
                .containsEntry("accept", "text/event-stream")
                .doesNotContainKey("last-event-id");
        assertThat(server.requests().get(1).headers())
                .as("Step 7: the reconnect names the last complete event it got")
                .containsEntry("last-event-id", "2");
        assertThat(subscriber.lastEventId()).isEqualTo("4");
    }

    @Test
    @DisplayName("waits the server's retry delay before reconnecting")
    void waitsRetryDelay() {
        ScriptedSseServer server = cleanup.add(ScriptedSseServer.start(
                ScriptedSseServer.streamThenClose("retry: 400\n\nid: 1\ndata: one\n\n"),
                ScriptedSseServer.streamAndStay("id: 2\ndata: two\n\n")));

        EventStreamSubscriber subscriber = subscribe(server.uri(), Duration.ofSeconds(5));
        awaitEvents(subscriber, 2);

        long waitedMillis = (server.requests().get(1).receivedNanos() - server.closedNanos().get(0)) / 1_000_000;
        assertThat(subscriber.retry()).as("Step 7: the subscriber adopts the server's retry: 400").isEqualTo(Duration.ofMillis(400));
        assertThat(waitedMillis)
                .as("Step 7: the server asked for 400 ms between connections (the subscriber's own default is 5 s), "
                        + "so it must neither reconnect at once nor keep its default. Waited %d ms.", waitedMillis)
                .isBetween(350L, 3_000L);
    }

    @Test
    @DisplayName("stops when the server answers 204 No Content")
    void stopsOnNoContent() {
        ScriptedSseServer server = cleanup.add(ScriptedSseServer.start(
                new ScriptedSseServer.Answer("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n", false)));

        EventStreamSubscriber subscriber = subscribe(server.uri(), Duration.ofMillis(50));
        await().alias("the subscriber stops").until(() -> {
            failOnTodo(subscriber);
            return !subscriber.isRunning();
        });

        assertThat(server.requests()).as("Step 7: 204 means 'stop reconnecting', as for a browser's EventSource").hasSize(1);
    }

    @Test
    @DisplayName("resumes without loss when our server restarts")
    void resumesAcrossServerRestart(@TempDir Path folder) {
        StreamSettings settings = TestServer.SETTINGS.withRetry(Duration.ofMillis(200));
        Path file = folder.resolve("events.jsonl");
        EventJournal firstJournal = EventJournal.open(file, 100);
        TestServer first = cleanup.add(TestServer.start(new NotificationStream(settings, firstJournal.restored(), firstJournal::append), 0));
        int port = first.port();
        EventStreamSubscriber subscriber = subscribe(first.uri("/events"), Duration.ofMillis(200));
        await().alias("the subscriber connects").until(() -> {
            failOnTodo(subscriber);
            return first.stream.stats().clients() == 1;
        });
        first.publish("price", 1);
        first.publish("price", 2);
        awaitEvents(subscriber, 2);

        first.close();
        firstJournal.close();
        EventJournal journal = cleanup.add(EventJournal.open(file, 100));
        TestServer second = cleanup.add(TestServer.start(new NotificationStream(settings, journal.restored(), journal::append), port));
        second.publish("price", 3);
        awaitEvents(subscriber, 3);
        second.publish("price", 4);
        awaitEvents(subscriber, 4);

        assertThat(received).extracting(ServerSentEvent::lastEventId)
                .as("Step 7: event 3 was published while the subscriber was away; it comes from the replay, once")
                .containsExactly("1", "2", "3", "4");
        assertThat(subscriber.connections()).as("Step 7: one connection per server").isEqualTo(2);
    }

    private EventStreamSubscriber subscribe(URI uri, Duration initialRetry) {
        EventStreamSubscriber subscriber = cleanup.add(new EventStreamSubscriber(Http.client(), uri, initialRetry, received::add));
        subscriber.start();
        return subscriber;
    }

    private void awaitEvents(EventStreamSubscriber subscriber, int count) {
        await().alias("the subscriber delivers " + count + " events").until(() -> {
            failOnTodo(subscriber);
            return received.size() >= count;
        });
    }

    private static void failOnTodo(EventStreamSubscriber subscriber) {
        subscriber.failure().ifPresent(error -> {
            throw StepTodo.find(error).map(AssertionError.class::cast)
                    .orElseGet(() -> new AssertionError("Step 7: the subscriber stopped with " + error, error));
        });
    }
}
