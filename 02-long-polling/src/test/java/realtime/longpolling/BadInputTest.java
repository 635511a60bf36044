package realtime.longpolling;

import static org.assertj.core.api.Assertions.assertThat;
import static realtime.longpolling.LongPolls.longWaits;
import static realtime.longpolling.LongPolls.poll;
import static realtime.longpolling.LongPolls.texts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import realtime.testkit.Cleanup;
import realtime.testkit.Http;
import realtime.testkit.Json;

@Tag("step-4")
@DisplayName("Step 4: bad input gets a clear error and changes nothing")
class BadInputTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @ParameterizedTest(name = "cursor=''{0}''")
    @ValueSource(strings = {"abc", "-1", "1.5", "99", ""})
    @DisplayName("answers 400 naming the cursor for a bad cursor")
    void badCursorIs400(String cursor) {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        server.feed().publish("only message");

        String query = "/messages?cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
        HttpResponse<String> response = getAtOnce(server, query);

        assertErrorNamesField(response, 400, "cursor",
                "GET " + query + " with one message published (cursor may be 0 or 1). See CursorParameter.parse.");
    }

    @Test
    @DisplayName("answers 400 naming the cursor when it is missing")
    void missingCursorIs400() {
        MessageServer server = LongPolls.start(cleanup, longWaits());

        HttpResponse<String> response = Http.get(server.uri("/messages"));

        assertErrorNamesField(response, 400, "cursor", "GET /messages with no cursor. See CursorParameter.parse.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{}", "{\"text\": \"\"}", "{\"text\": \"   \"}", "{\"text\": 42}", "{\"text\": null}", "{\"words\": \"hi\"}"})
    @DisplayName("answers 400 naming the text when it is missing or empty")
    void missingTextIs400(String body) {
        MessageServer server = LongPolls.start(cleanup, longWaits());

        HttpResponse<String> response = Http.postJson(server.uri("/messages"), body);

        assertErrorNamesField(response, 400, "text", "POST /messages with " + body + ". See PostedMessage.parseText.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"not json", "[\"text\"]", "\"text\"", "{\"text\": "})
    @DisplayName("answers 400 naming the body when it is not a JSON object")
    void notAnObjectIs400(String body) {
        MessageServer server = LongPolls.start(cleanup, longWaits());

        HttpResponse<String> response = Http.postJson(server.uri("/messages"), body);

        assertErrorNamesField(response, 400, "body", "POST /messages with " + body + ". See PostedMessage.parseText.");
    }

    @Test
    @DisplayName("answers 413 for a body over the size limit")
    void oversizedBodyIs413() {
        MessageServer server = LongPolls.start(cleanup, longWaits().withMaxBodyBytes(1024));
        String body = Json.mapper().createObjectNode().put("text", "x".repeat(2000)).toString();

        HttpResponse<String> response = Http.postJson(server.uri("/messages"), body);

        assertErrorNamesField(response, 413, "body",
                "POST /messages with a " + body.length() + "-byte body over the 1024-byte limit. See PostedMessage.parseText.");
    }

    @Test
    @DisplayName("accepts a body of exactly the size limit")
    void bodyAtTheLimitIsAccepted() {
        MessageServer server = LongPolls.start(cleanup, longWaits().withMaxBodyBytes(1024));
        String prefix = "{\"text\":\"";
        String body = prefix + "y".repeat(1024 - prefix.length() - 2) + "\"}";

        HttpResponse<String> response = LongPolls.failOnTodo(Http.postJson(server.uri("/messages"), body));

        assertThat(response.statusCode())
                .as("Step 4: a body of exactly 1024 bytes is within the limit and must be published, got %d %s. "
                        + "See PostedMessage.parseText.", response.statusCode(), response.body())
                .isEqualTo(201);
    }

    @Test
    @DisplayName("keeps the accepted messages intact after rejected input")
    void rejectedInputChangesNothing() {
        MessageServer server = LongPolls.start(cleanup, longWaits());
        server.feed().publish("kept");

        Http.postJson(server.uri("/messages"), "{\"text\": \"\"}");
        Http.postJson(server.uri("/messages"), "not json");
        Http.get(server.uri("/messages?cursor=-5"));
        HttpResponse<String> response = poll(server, 0);

        assertThat(server.feed().lastSeq())
                .as("Step 4: rejected posts must not be numbered or stored. See PublishHandler and PostedMessage.parseText.")
                .isEqualTo(1);
        assertThat(texts(response))
                .as("Step 4: after rejected input the feed must still hold exactly the accepted message, got %s", response.body())
                .containsExactly("kept");
    }

    /** Sends a GET that must be answered at once: a bad cursor must not be held as a poll. */
    private static HttpResponse<String> getAtOnce(MessageServer server, String query) {
        HttpRequest request = Http.request(server.uri(query)).timeout(Duration.ofSeconds(3)).GET().build();
        try {
            return Http.send(request);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                throw new AssertionError("Step 4: GET " + query + " must answer 400 at once, but the server held it as a poll. "
                        + "Only cursors from 0 to the newest seq are valid. See CursorParameter.parse.", e);
            }
            throw e;
        }
    }

    private static void assertErrorNamesField(HttpResponse<String> response, int status, String field, String request) {
        assertThat(response.statusCode())
                .as("Step 4: %s must answer %d, got %d %s", request, status, response.statusCode(), response.body())
                .isEqualTo(status);
        JsonNode body = Json.parse(response.body());
        assertThat(body.path("field").asText())
                .as("Step 4: the JSON error must name the field \"%s\", got %s. See MessageServer's exception mapping.",
                        field, response.body())
                .isEqualTo(field);
        assertThat(body.path("message").asText())
                .as("Step 4: the JSON error must carry a message that says what to fix, got %s", response.body())
                .isNotBlank();
    }
}
