package realtime.shortpolling;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import realtime.testkit.Cleanup;
import realtime.testkit.Http;

@Tag("step-3")
@DisplayName("Step 3 — Answer 304 when nothing changed")
class NotModifiedTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final PriceBoard board = new PriceBoard();
    private PriceServer server;

    @BeforeEach
    void startServer() {
        server = cleanup.add(PriceServer.start(board, PollRateLimiter.unlimited(), 0));
        board.update("ACME", new BigDecimal("10.00"));
        board.update("GLOBEX", new BigDecimal("20.00"));
    }

    @Test
    @DisplayName("the ETag of the last answer gets 304 with no body")
    void sameTagGetsNotModified() {
        String etag = Http.get(server.uri("/prices")).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> response = Http.get(server.uri("/prices"), "If-None-Match", etag);

        assertThat(response.statusCode())
                .as("Step 3: GET /prices with If-None-Match: %s must answer 304 while nothing changed, got %s. See EntityTags.matches.",
                        etag, response.statusCode())
                .isEqualTo(304);
        assertThat(response.body()).as("Step 3: a 304 has no body").isEmpty();
        assertThat(response.headers().firstValue("ETag")).as("Step 3: a 304 repeats the ETag").contains(etag);
    }

    @Test
    @DisplayName("an update makes the old ETag get 200 and a new ETag")
    void updateInvalidatesTag() {
        String etag = Http.get(server.uri("/prices")).headers().firstValue("ETag").orElseThrow();
        board.update("ACME", new BigDecimal("10.10"));

        HttpResponse<String> response = Http.get(server.uri("/prices"), "If-None-Match", etag);

        assertThat(response.statusCode())
                .as("Step 3: after an update, the old ETag %s must get 200, got %s", etag, response.statusCode())
                .isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).as("Step 3: the new ETag").contains("\"3\"");
    }

    @Test
    @DisplayName("since and If-None-Match together get 304 when nothing changed")
    void sinceWithTagGetsNotModified() {
        HttpResponse<String> response = Http.get(server.uri("/prices?since=2"), "If-None-Match", "\"2\"");

        assertThat(response.statusCode())
                .as("Step 3: GET /prices?since=2 with If-None-Match: \"2\" at version 2 must answer 304, got %s", response.statusCode())
                .isEqualTo(304);
    }

    @ParameterizedTest(name = "If-None-Match: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "\"2\"              | 304",
            "W/\"2\"            | 304",
            "\"1\", \"2\"       | 304",
            "\"7\",W/\"2\"      | 304",
            "*                  | 304",
            "\"1\"              | 200",
            "\"22\"             | 200",
            "2                  | 200",
    })
    @DisplayName("If-None-Match lists, weak tags and * follow HTTP's rules")
    void ifNoneMatchForms(String header, int expectedStatus) {
        HttpResponse<String> response = Http.get(server.uri("/prices"), "If-None-Match", header);

        assertThat(response.statusCode())
                .as("Step 3: If-None-Match: %s at version 2 (ETag \"2\") must answer %s, got %s. See EntityTags.matches.",
                        header, expectedStatus, response.statusCode())
                .isEqualTo(expectedStatus);
    }
}
