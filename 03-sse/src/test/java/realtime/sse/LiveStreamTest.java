package realtime.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Http;
import realtime.testkit.Json;
import realtime.testkit.StepTodo;

@Tag("step-2")
@DisplayName("Step 2: GET /events streams every published event to every client")
class LiveStreamTest {

    private static final Pattern ID_LINE = Pattern.compile("^id: (\\d+)$", Pattern.MULTILINE);

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("answers with the event-stream headers and the retry delay")
    void answersWithHeadersAndRetry() {
        TestServer server = cleanup.add(TestServer.start());

        RawSseConnection raw = cleanup.add(RawSseConnection.events(server.port()));
        String body = raw.awaitBodyContaining("retry:");

        String head = raw.head().toLowerCase();
        assertThat(head).as("Step 2: the status line").startsWith("http/1.1 200");
        assertThat(head).as("Step 2: the Content-Type header").contains("content-type: text/event-stream");
        assertThat(head).as("Step 2: the Cache-Control header").contains("cache-control: no-cache");
        assertThat(head).as("Step 2: the X-Accel-Buffering header, which tells nginx not to buffer").contains("x-accel-buffering: no");
        assertThat(body)
                .as("Step 2: the first thing a client reads is the retry delay in milliseconds. See NotificationStream.open.")
                .startsWith("retry: 1500\n\n");
    }

    @Test
    @DisplayName("sends each event with an increasing id, its type and its data")
    void sendsEventsWithIncreasingIds() {
        TestServer server = cleanup.add(TestServer.start());
        RawSseConnection raw = cleanup.add(RawSseConnection.events(server.port()));
        raw.awaitBodyContaining("retry:");

        server.publish("price", 1);
        server.publish("notification", 2);
        server.publish("price", 3);
        String body = raw.awaitBody("three events", text -> ID_LINE.matcher(text).results().count() >= 3);

        assertThat(body)
                .as("Step 2: each event carries its id, its type and its data, and ends with a blank line. "
                        + "See NotificationStream.broadcast and EventLog.append.")
                .contains("id: 1\nevent: price\ndata: {\"n\":1}\n\n")
                .contains("id: 2\nevent: notification\ndata: {\"n\":2}\n\n")
                .contains("id: 3\nevent: price\ndata: {\"n\":3}\n\n");
        assertThat(ids(body)).as("Step 2: ids start at 1 and only increase").containsExactly(1L, 2L, 3L);
    }

    @Test
    @DisplayName("sends multi-line data as one data line per line")
    void sendsMultiLineData() {
        TestServer server = cleanup.add(TestServer.start());
        RawSseConnection raw = cleanup.add(RawSseConnection.events(server.port()));
        OkHttpEvents okhttp = cleanup.add(OkHttpEvents.connect(server.uri("/events")));
        raw.awaitBodyContaining("retry:");
        okhttp.awaitOpen();

        String pretty = "{\n  \"title\": \"Deploy finished\",\n  \"body\": \"All green\"\n}";
        server.stream.publish("notification", pretty);

        assertThat(raw.awaitBodyContaining("id: 1\n"))
                .as("Step 2: pretty-printed JSON goes out as one data line per line")
                .contains("data: {\ndata:   \"title\": \"Deploy finished\",\ndata:   \"body\": \"All green\"\ndata: }\n\n");
        assertThat(okhttp.awaitEvents(1).get(0).data())
                .as("Step 2: OkHttp joins the data lines back into the original text")
                .isEqualTo(pretty);
    }

    @Test
    @DisplayName("is read correctly by OkHttp's SSE client")
    void interoperatesWithOkHttp() {
        TestServer server = cleanup.add(TestServer.start());
        OkHttpEvents okhttp = cleanup.add(OkHttpEvents.connect(server.uri("/events")));
        okhttp.awaitOpen();

        server.publish("price", 1);
        server.publish("notification", 2);

        assertThat(okhttp.awaitEvents(2))
                .as("Step 2: a third-party client reads id, type and data of every event")
                .containsExactly(
                        new OkHttpEvents.Received("1", "price", "{\"n\":1}"),
                        new OkHttpEvents.Received("2", "notification", "{\"n\":2}"));
    }

    @Test
    @DisplayName("sends a heartbeat comment at the configured interval")
    void sendsHeartbeats() {
        TestServer server = cleanup.add(TestServer.start(TestServer.SETTINGS.withHeartbeat(Duration.ofMillis(100))));
        RawSseConnection raw = cleanup.add(RawSseConnection.events(server.port()));

        String body = raw.awaitBody("two heartbeats", text -> text.split(": heartbeat\n", -1).length > 2);

        assertThat(body).as("Step 2: a heartbeat is a comment line, which every client ignores").contains(": heartbeat\n");
    }

    @Test
    @DisplayName("POST /notifications publishes a notification event")
    void publishesNotificationsFromHttp() {
        TestServer server = cleanup.add(TestServer.start());
        OkHttpEvents okhttp = cleanup.add(OkHttpEvents.connect(server.uri("/events")));
        okhttp.awaitOpen();

        HttpResponse<String> response = Http.postJson(server.uri("/notifications"), "{\"title\":\"Deploy finished\",\"body\":\"All green\"}");

        assertThat(response.statusCode()).as("Step 2: POST /notifications answers 201, got " + response.body()).isEqualTo(201);
        assertThat(Json.parse(response.body()).path("id").asLong()).as("Step 2: the answer names the event id").isEqualTo(1);
        OkHttpEvents.Received event = okhttp.awaitEvents(1).get(0);
        assertThat(event.type()).isEqualTo("notification");
        assertThat(Json.parse(event.data()).path("title").asText()).isEqualTo("Deploy finished");
    }

    @Test
    @DisplayName("delivers every event to 500 clients, in order")
    void deliversToManyClientsInOrder() {
        TestServer server = cleanup.add(TestServer.start());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int clientCount = 500;
        int eventCount = 20;
        List<LineCollector> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            LineCollector collector = new LineCollector();
            HttpRequest request = HttpRequest.newBuilder(server.uri("/events")).header("Accept", "text/event-stream").build();
            CompletableFuture<HttpResponse<Void>> response = http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(collector));
            cleanup.add(() -> response.cancel(true));
            cleanup.add(collector);
            clients.add(collector);
        }
        await().alias("all " + clientCount + " clients connected").until(() -> {
            clients.forEach(LineCollector::failOnTodo);
            return server.stream.stats().clients() == clientCount;
        });

        long started = System.nanoTime();
        IntStream.rangeClosed(1, eventCount).forEach(n -> server.publish("price", n));
        await().alias("every client received " + eventCount + " events")
                .until(() -> clients.stream().allMatch(client -> client.ids().size() >= eventCount));
        System.out.printf("03-sse: %d events reached %d clients in %d ms%n", eventCount, clientCount, (System.nanoTime() - started) / 1_000_000);

        List<Long> expected = IntStream.rangeClosed(1, eventCount).mapToObj(Long::valueOf).toList();
        for (LineCollector client : clients) {
            assertThat(client.ids()).as("Step 2: every client gets every event once, in id order").isEqualTo(expected);
        }
    }

    private static List<Long> ids(String body) {
        List<Long> ids = new ArrayList<>();
        Matcher matcher = ID_LINE.matcher(body);
        while (matcher.find()) {
            ids.add(Long.parseLong(matcher.group(1)));
        }
        return ids;
    }

    /** Collects the id lines of one stream without a thread of its own. */
    private static final class LineCollector implements Flow.Subscriber<String>, AutoCloseable {

        private final List<Long> ids = new ArrayList<>();
        private volatile Flow.Subscription subscription;
        private volatile String todo;

        synchronized List<Long> ids() {
            return List.copyOf(ids);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public synchronized void onNext(String line) {
            if (line.startsWith("id: ")) {
                ids.add(Long.parseLong(line.substring(4)));
            } else if (line.contains("TODO step")) {
                todo = line;
            }
        }

        // The server responds with 500 and the TODO message while an exercise is not written.
        void failOnTodo() {
            if (todo != null) {
                StepTodo.find(todo, null).ifPresent(found -> {
                    throw found;
                });
            }
        }

        @Override
        public void onError(Throwable error) {
        }

        @Override
        public void onComplete() {
        }

        @Override
        public void close() {
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
        }
    }
}
