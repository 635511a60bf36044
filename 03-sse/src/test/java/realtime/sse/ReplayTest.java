package realtime.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import realtime.testkit.Cleanup;
import realtime.testkit.Json;

@Tag("step-3")
@DisplayName("Step 3: a client that reconnects with Last-Event-ID gets what it missed")
class ReplayTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("replays only the events after Last-Event-ID, then streams live")
    void replaysAfterLastEventId() {
        TestServer server = cleanup.add(TestServer.start());
        for (int n = 1; n <= 5; n++) {
            server.publish("price", n);
        }

        OkHttpEvents okhttp = cleanup.add(OkHttpEvents.connect(server.uri("/events"), "Last-Event-ID", "3"));
        okhttp.awaitEvents(2);
        server.publish("price", 6);

        assertThat(ids(okhttp.awaitEvents(3)))
                .as("Step 3: after Last-Event-ID 3 the client gets 4 and 5 from the history, then 6 live. "
                        + "See NotificationStream.resume and EventLog.after.")
                .containsExactly("4", "5", "6");
    }

    @Test
    @DisplayName("sends the retry delay before the replay")
    void sendsRetryBeforeReplay() {
        TestServer server = cleanup.add(TestServer.start());
        server.publish("price", 1);
        server.publish("price", 2);

        RawSseConnection raw = cleanup.add(RawSseConnection.events(server.port(), "Last-Event-ID: 1"));

        assertThat(raw.awaitBodyContaining("id: 2\n"))
                .as("Step 3: a resumed client also gets the retry delay, then the event it missed")
                .startsWith("retry: 1500\n\nid: 2\nevent: price\n");
    }

    @Test
    @DisplayName("replays nothing when the client is up to date")
    void replaysNothingWhenUpToDate() {
        TestServer server = cleanup.add(TestServer.start());
        server.publish("price", 1);
        server.publish("price", 2);

        OkHttpEvents okhttp = cleanup.add(OkHttpEvents.connect(server.uri("/events"), "Last-Event-ID", "2"));
        okhttp.awaitOpen();
        await().until(() -> server.stream.stats().clients() == 1);
        server.publish("price", 3);

        assertThat(ids(okhttp.awaitEvents(1))).as("Step 3: a client at the newest id gets only new events").containsExactly("3");
    }

    @Test
    @DisplayName("resumes from the lastEventId query parameter; the header wins")
    void resumesFromQueryParameter() {
        TestServer server = cleanup.add(TestServer.start());
        for (int n = 1; n <= 4; n++) {
            server.publish("price", n);
        }

        OkHttpEvents fromQuery = cleanup.add(OkHttpEvents.connect(server.uri("/events?lastEventId=2")));
        OkHttpEvents fromHeader = cleanup.add(OkHttpEvents.connect(server.uri("/events?lastEventId=1"), "Last-Event-ID", "3"));

        assertThat(ids(fromQuery.awaitEvents(2)))
                .as("Step 3: a page's first connection passes its id in the query, because EventSource cannot set headers")
                .containsExactly("3", "4");
        assertThat(ids(fromHeader.awaitEvents(1)))
                .as("Step 3: on a reconnect the browser sends Last-Event-ID, which is newer than the query it keeps using")
                .containsExactly("4");
    }

    @Test
    @DisplayName("sends a reset when the id is older than the history")
    void resetsWhenIdTooOld() {
        TestServer server = cleanup.add(TestServer.start(TestServer.SETTINGS.withHistorySize(3)));
        for (int n = 1; n <= 6; n++) {
            server.publish("price", n);
        }

        OkHttpEvents okhttp = cleanup.add(OkHttpEvents.connect(server.uri("/events"), "Last-Event-ID", "1"));
        OkHttpEvents.Received reset = okhttp.awaitEvents(1).get(0);
        server.publish("price", 7);

        assertThat(reset.type())
                .as("Step 3: events 2 and 3 were dropped, so the client gets a reset instead of a replay with a gap")
                .isEqualTo("reset");
        assertThat(reset.id()).as("Step 3: the reset carries the newest id, so the client resumes from there").isEqualTo("6");
        assertThat(Json.parse(reset.data()).path("oldestId").asLong()).as("Step 3: the reset names the oldest id kept").isEqualTo(4);
        assertThat(ids(okhttp.awaitEvents(2))).as("Step 3: live events follow the reset").containsExactly("6", "7");
    }

    @Test
    @DisplayName("sends a reset when the id was never issued")
    void resetsWhenIdUnknown() {
        TestServer server = cleanup.add(TestServer.start());
        server.publish("price", 1);

        OkHttpEvents okhttp = cleanup.add(OkHttpEvents.connect(server.uri("/events"), "Last-Event-ID", "40"));

        assertThat(okhttp.awaitEvents(1).get(0).type())
                .as("Step 3: id 40 is newer than anything this server issued; it restarted without its history, so the client must reload")
                .isEqualTo("reset");
    }

    @Test
    @DisplayName("loses and repeats nothing when events are published during the replay")
    void noGapWhilePublishing() throws Exception {
        TestServer server = cleanup.add(TestServer.start(TestServer.SETTINGS.withHistorySize(100_000)));
        for (int n = 1; n <= 200; n++) {
            server.publish("price", n);
        }
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicLong last = new AtomicLong(200);
        // At most about 5,000 events a second, until every client has resumed.
        Thread publisher = new Thread(() -> {
            for (int n = 201; publishing.get() && n <= 20_000; n++) {
                last.set(server.publish("price", n));
                LockSupport.parkNanos(200_000);
            }
        }, "test-publisher");
        publisher.start();
        cleanup.add(() -> {
            publishing.set(false);
            publisher.join();
        });

        List<OkHttpEvents> clients = new ArrayList<>();
        List<Long> resumedAfter = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long after = i * 10L;
            resumedAfter.add(after);
            clients.add(cleanup.add(OkHttpEvents.connect(server.uri("/events"), "Last-Event-ID", String.valueOf(after))));
        }
        clients.forEach(OkHttpEvents::awaitOpen);
        await().until(() -> server.stream.stats().clients() == clients.size());
        publishing.set(false);
        publisher.join();
        long newest = last.get();

        for (int i = 0; i < clients.size(); i++) {
            long after = resumedAfter.get(i);
            List<String> expected = LongStream.rangeClosed(after + 1, newest).mapToObj(String::valueOf).toList();
            List<String> received = ids(clients.get(i).awaitEvents(expected.size()));
            assertThat(received)
                    .as("Step 3: a client resumed after %d while events were published must get %d to %d exactly once, in order. "
                            + "Read the history and join the live stream under the same lock as publish. See NotificationStream.resume.",
                            after, after + 1, newest)
                    .isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("resumes after a restart from the journal")
    void resumesAfterRestart(@TempDir Path folder) {
        Path file = folder.resolve("events.jsonl");
        EventJournal firstJournal = EventJournal.open(file, 100);
        NotificationStream firstStream = new NotificationStream(TestServer.SETTINGS, firstJournal.restored(), firstJournal::append);
        try (TestServer first = TestServer.start(firstStream, 0)) {
            first.publish("price", 1);
            first.publish("price", 2);
            first.publish("price", 3);
        }
        firstJournal.close();

        EventJournal journal = cleanup.add(EventJournal.open(file, 100));
        TestServer second = cleanup.add(TestServer.start(new NotificationStream(TestServer.SETTINGS, journal.restored(), journal::append), 0));
        OkHttpEvents okhttp = cleanup.add(OkHttpEvents.connect(second.uri("/events"), "Last-Event-ID", "2"));
        okhttp.awaitEvents(1);
        second.publish("price", 4);

        assertThat(ids(okhttp.awaitEvents(2)))
                .as("Step 3: the restarted server kept events and ids, so a client at id 2 gets 3 from the history and 4 live")
                .containsExactly("3", "4");
    }

    private static List<String> ids(List<OkHttpEvents.Received> events) {
        return events.stream().map(OkHttpEvents.Received::id).toList();
    }
}
