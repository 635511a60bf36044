package realtime.shortpolling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import realtime.testkit.Cleanup;
import realtime.testkit.Http;
import realtime.testkit.Json;

@Tag("step-2")
@DisplayName("Step 2 — Return only the changes since a version")
class ChangesSinceTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final PriceBoard board = new PriceBoard();
    private PriceServer server;

    @BeforeEach
    void startServer() {
        server = cleanup.add(PriceServer.start(board, PollRateLimiter.unlimited(), 0));
        board.update("ACME", new BigDecimal("10.00"));     // version 1
        board.update("GLOBEX", new BigDecimal("20.00"));   // version 2
        board.update("INITECH", new BigDecimal("30.00"));  // version 3
    }

    @Test
    @DisplayName("since=N returns only prices changed after N")
    void returnsOnlyLaterChanges() {
        board.update("ACME", new BigDecimal("11.00"));     // version 4

        JsonNode body = Json.parse(okBody(Http.get(server.uri("/prices?since=2"))));

        assertThat(body.path("version").asLong()).as("Step 2: version in %s", body).isEqualTo(4);
        assertThat(body.path("since").asLong()).as("Step 2: since in %s", body).isEqualTo(2);
        assertThat(body.path("prices").findValuesAsText("symbol"))
                .as("Step 2: GET /prices?since=2 must return INITECH (v3) then ACME (v4), got %s. See PriceBoard.changesSince.", body)
                .containsExactly("INITECH", "ACME");
    }

    @Test
    @DisplayName("two updates of one symbol arrive as one change with the latest price")
    void coalescesUpdatesOfOneSymbol() {
        board.update("GLOBEX", new BigDecimal("21.00"));   // version 4
        board.update("GLOBEX", new BigDecimal("22.00"));   // version 5

        PriceChanges changes = board.changesSince(3);

        assertThat(changes.prices())
                .as("Step 2: changesSince(3) must return GLOBEX once, at its latest price. See PriceBoard.changesSince.")
                .containsExactly(new Price("GLOBEX", new BigDecimal("22.00"), 5));
    }

    @Test
    @DisplayName("since the current version returns no prices")
    void sinceCurrentVersionIsEmpty() {
        JsonNode body = Json.parse(okBody(Http.get(server.uri("/prices?since=3"))));

        assertThat(body.path("prices"))
                .as("Step 2: GET /prices?since=3 at version 3 must return an empty list, got %s", body)
                .isEmpty();
        assertThat(body.path("version").asLong()).isEqualTo(3);
    }

    @ParameterizedTest(name = "since={0} gets 400")
    @ValueSource(strings = {"abc", "-1", "1.5", "4", "99999999999999999999", "%20"})
    @DisplayName("a bad since gets 400 naming the parameter")
    void badSinceIsRejected(String since) {
        HttpResponse<String> response = Http.get(server.uri("/prices?since=" + since));

        assertThat(response.statusCode())
                .as("Step 2: GET /prices?since=%s must answer 400, got %s %s. See SinceParameter.parse.",
                        since, response.statusCode(), response.body())
                .isEqualTo(400);
        JsonNode body = Json.parse(response.body());
        assertThat(body.path("parameter").asText())
                .as("Step 2: the 400 body must name the parameter, got %s", body)
                .isEqualTo("since");
        assertThat(body.path("message").asText())
                .as("Step 2: the 400 body must explain the problem, got %s", body)
                .isNotBlank();
    }

    @Test
    @DisplayName("rejected requests leave the board unchanged")
    void badRequestsDoNotChangeTheBoard() {
        PriceChanges before = board.snapshot();

        Http.get(server.uri("/prices?since=-5"));
        Http.get(server.uri("/prices?since=banana"));

        assertThat(board.snapshot()).as("Step 2: a rejected poll must not change the board").isEqualTo(before);
    }

    private static String okBody(HttpResponse<String> response) {
        assertThat(response.statusCode())
                .as("Step 2: expected 200, got %s with body %s", response.statusCode(), response.body())
                .isEqualTo(200);
        return response.body();
    }
}
