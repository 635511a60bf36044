package realtime.redisstreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import realtime.testkit.Cleanup;
import realtime.testkit.Http;
import realtime.testkit.Json;

@DisplayName("The chat over HTTP")
class ChatServerTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private TestRedis redis;
    private ChatStream chat;
    private ChatServer server;

    @BeforeEach
    void startServer() {
        redis = cleanup.add(TestRedis.connect());
        chat = new ChatStream(redis.client, redis.key("chat"), 1_000);
        server = cleanup.add(ChatServer.start(chat, redis.client, Duration.ofMillis(500), 0));
    }

    @Nested
    @Tag("step-1")
    @DisplayName("Step 1 — POST /api/messages")
    class Publish {

        @Test
        @DisplayName("a valid message gets 201 and its entry id")
        void publishes() {
            HttpResponse<String> response = Http.postJson(server.uri("/api/messages"),
                    "{\"user\":\"ada\",\"message\":\"hello\",\"messageId\":\"m-1\"}");

            assertThat(response.statusCode())
                    .as("Step 1: POST /api/messages must answer 201, got %s: %s. See ChatStream.publish.", response.statusCode(), response.body())
                    .isEqualTo(201);
            String id = Json.parse(response.body()).path("id").asText();
            assertThat(redis.client.xrange(chat.key(), id, id))
                    .as("Step 1: the id in the answer must be the new entry's id")
                    .hasSize(1);
        }

        @ParameterizedTest(name = "{0} gets 400 naming {1}")
        @CsvSource(delimiter = '|', value = {
                "{\"message\":\"hello\"}                      | user",
                "{\"user\":\"  \",\"message\":\"hello\"}      | user",
                "{\"user\":\"ada\"}                           | message",
                "{\"user\":\"ada\",\"message\":42}            | message",
                "{\"user\":\"ada\",\"message\":\"hi\",\"messageId\":\"\"} | messageId",
                "not json                                     | body",
                "[1,2]                                        | body",
        })
        @DisplayName("bad input gets 400 naming the field and adds nothing")
        void rejectsBadInput(String body, String field) {
            HttpResponse<String> response = Http.postJson(server.uri("/api/messages"), body);

            assertThat(response.statusCode())
                    .as("POST %s must answer 400, got %s: %s", body, response.statusCode(), response.body())
                    .isEqualTo(400);
            assertThat(Json.parse(response.body()).path("field").asText()).isEqualTo(field);
            assertThat(redis.client.exists(chat.key())).as("a rejected message must not reach the stream").isFalse();
        }
    }

    @Nested
    @Tag("step-2")
    @DisplayName("Step 2 — GET /api/messages")
    class History {

        @Test
        @DisplayName("returns the newest page and a cursor for older messages")
        void pages() {
            for (int i = 0; i < 3; i++) {
                chat.publish("ada", "message " + i, "m-" + i);
            }

            HttpResponse<String> response = Http.get(server.uri("/api/messages?limit=2"));

            assertThat(response.statusCode()).as("Step 2: GET /api/messages?limit=2 got %s: %s", response.statusCode(), response.body()).isEqualTo(200);
            JsonNode page = Json.parse(response.body());
            assertThat(page.path("messages").findValuesAsText("message"))
                    .as("Step 2: the newest two messages, oldest first")
                    .containsExactly("message 1", "message 2");
            assertThat(page.path("nextBefore").asText()).isEqualTo(page.path("messages").get(0).path("id").asText());
        }

        @ParameterizedTest(name = "{0} gets 400 naming {1}")
        @CsvSource(delimiter = '|', value = {
                "?before=yesterday | before",
                "?limit=0          | limit",
                "?limit=1000       | limit",
                "?limit=ten        | limit",
        })
        @DisplayName("a bad query gets 400 naming the parameter")
        void rejectsBadQuery(String query, String field) {
            HttpResponse<String> response = Http.get(server.uri("/api/messages" + query));

            assertThat(response.statusCode()).as("GET /api/messages%s must answer 400, got %s", query, response.statusCode()).isEqualTo(400);
            assertThat(Json.parse(response.body()).path("field").asText()).isEqualTo(field);
        }
    }

    @Nested
    @Tag("step-3")
    @DisplayName("Step 3 — GET /api/messages/live")
    class Live {

        @Test
        @DisplayName("streams messages after the given id as server-sent events")
        void streamsNewMessages() {
            String shown = chat.publish("ada", "already shown", "m-1");
            List<String> lines = new CopyOnWriteArrayList<>();
            CompletableFuture<HttpResponse<Stream<String>>> response = Http.client().sendAsync(
                    Http.request(server.uri("/api/messages/live?after=" + shown), "Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            response.thenAccept(ok -> ok.body().forEach(lines::add));
            cleanup.add(() -> response.cancel(true));

            String id = chat.publish("bob", "hi ada", "m-2");

            await().untilAsserted(() -> assertThat(lines)
                    .as("Step 3: the live stream after %s must send the next message with id: %s. See ChatTail.", shown, id)
                    .contains("id: " + id)
                    .noneMatch(line -> line.contains(shown)));
        }

        @Test
        @DisplayName("a bad after id gets 400 naming it")
        void rejectsBadAfter() {
            HttpResponse<String> response = Http.get(server.uri("/api/messages/live?after=latest"), "Accept", "text/event-stream");

            assertThat(response.statusCode()).as("GET /api/messages/live?after=latest must answer 400, got %s", response.statusCode()).isEqualTo(400);
            assertThat(Json.parse(response.body()).path("field").asText()).isEqualTo("after");
        }

        @Test
        @DisplayName("a request that does not accept an event stream gets 400")
        void requiresEventStream() {
            HttpResponse<String> response = Http.get(server.uri("/api/messages/live"));

            assertThat(response.statusCode()).as("GET /api/messages/live without Accept: text/event-stream must answer 400, got %s", response.statusCode()).isEqualTo(400);
            assertThat(Json.parse(response.body()).path("field").asText()).isEqualTo("Accept");
        }
    }

    @Test
    @DisplayName("the page is served at /")
    void servesPage() {
        HttpResponse<String> response = Http.send(HttpRequest.newBuilder(server.uri("/")).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("chat.js");
    }
}
