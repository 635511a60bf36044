package realtime.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import realtime.testkit.Cleanup;
import realtime.testkit.Http;
import realtime.testkit.Json;

@Tag("step-2")
@DisplayName("Step 2: bad requests get a clear error and publish nothing")
class BadRequestTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @ParameterizedTest(name = "{0} gets 400 naming {1}")
    @CsvSource(delimiter = '|', value = {
        "{}                                   | title",
        "{\"title\": 5}                       | title",
        "{\"title\": \"  \"}                  | title",
        "{\"title\": \"ok\", \"body\": [1]}   | body",
        "not json                             | body",
        "[\"title\"]                          | body",
    })
    @DisplayName("POST /notifications rejects a bad body")
    void rejectsBadNotification(String body, String field) {
        TestServer server = cleanup.add(TestServer.start());

        HttpResponse<String> response = Http.postJson(server.uri("/notifications"), body);

        assertThat(response.statusCode()).as("status for " + body + ", body " + response.body()).isEqualTo(400);
        assertThat(Json.parse(response.body()).path("field").asText()).as("the field named for " + body).isEqualTo(field);
        assertThat(server.stream.stats().latestId()).as("a rejected request publishes nothing").isZero();
    }

    @Test
    @DisplayName("POST /notifications rejects a title over 200 characters")
    void rejectsLongTitle() {
        TestServer server = cleanup.add(TestServer.start());

        HttpResponse<String> response = Http.postJson(server.uri("/notifications"), "{\"title\": \"" + "x".repeat(201) + "\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parse(response.body()).path("error").asText()).contains("at most 200");
    }

    @Test
    @DisplayName("GET /events rejects a Last-Event-ID that is not a number")
    void rejectsBadLastEventId() {
        TestServer server = cleanup.add(TestServer.start());

        HttpResponse<String> response = Http.get(server.uri("/events"), "Accept", "text/event-stream", "Last-Event-ID", "abc");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = Json.parse(response.body());
        assertThat(error.path("field").asText()).isEqualTo("Last-Event-ID");
        assertThat(error.path("error").asText()).contains("'abc'");
    }

    @Test
    @DisplayName("GET /events without Accept: text/event-stream gets 406")
    void rejectsWrongAccept() {
        TestServer server = cleanup.add(TestServer.start());

        HttpResponse<String> response = Http.get(server.uri("/events"), "Accept", "application/json");

        assertThat(response.statusCode())
                .as("Javalin's SSE handler would answer an empty 200; the server explains instead")
                .isEqualTo(406);
        assertThat(Json.parse(response.body()).path("field").asText()).isEqualTo("Accept");
    }

    @Test
    @DisplayName("publish rejects a multi-word type and data that is not JSON")
    void rejectsBadEventFromCode() {
        NotificationStream stream = cleanup.add(new NotificationStream(TestServer.SETTINGS));

        assertThatIllegalArgumentException()
                .isThrownBy(() -> stream.publish("two words", "{}"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> stream.publish("price", "not json"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> stream.publish("price", ""));
        assertThat(stream.stats().latestId()).isZero();
    }
}
