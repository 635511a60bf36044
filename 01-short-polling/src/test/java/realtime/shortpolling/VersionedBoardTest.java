package realtime.shortpolling;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Http;
import realtime.testkit.Json;

@Tag("step-1")
@DisplayName("Step 1 — Keep prices under a version that only increases")
class VersionedBoardTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final PriceBoard board = new PriceBoard();
    private PriceServer server;

    @BeforeEach
    void startServer() {
        server = cleanup.add(PriceServer.start(board, PollRateLimiter.unlimited(), 0));
    }

    @Test
    @DisplayName("each update returns the next version")
    void eachUpdateReturnsNextVersion() {
        long first = board.update("ACME", new BigDecimal("10.00"));
        long second = board.update("GLOBEX", new BigDecimal("20.00"));
        long third = board.update("ACME", new BigDecimal("10.50"));

        assertThat(List.of(first, second, third))
                .as("Step 1: PriceBoard.update must return versions 1, 2, 3 for three updates. See PriceBoard.update.")
                .containsExactly(1L, 2L, 3L);
        assertThat(board.version())
                .as("Step 1: PriceBoard.version() after three updates")
                .isEqualTo(3);
    }

    @Test
    @DisplayName("snapshot keeps the latest price of each symbol, oldest change first")
    void snapshotKeepsLatestPricePerSymbol() {
        board.update("ACME", new BigDecimal("10.00"));
        board.update("GLOBEX", new BigDecimal("20.00"));
        board.update("ACME", new BigDecimal("10.50"));

        PriceChanges snapshot = board.snapshot();

        assertThat(snapshot.version()).as("Step 1: snapshot().version() must be the board version").isEqualTo(3);
        assertThat(snapshot.prices())
                .as("Step 1: snapshot() must hold one entry per symbol, its latest price, ordered by version. See PriceBoard.snapshot.")
                .containsExactly(
                        new Price("GLOBEX", new BigDecimal("20.00"), 2),
                        new Price("ACME", new BigDecimal("10.50"), 3));
    }

    @Test
    @DisplayName("GET /prices returns every price and the version as JSON")
    void getPricesReturnsSnapshotAsJson() {
        board.update("ACME", new BigDecimal("10.00"));
        board.update("GLOBEX", new BigDecimal("20.00"));

        HttpResponse<String> response = Http.get(server.uri("/prices"));

        assertThat(response.statusCode())
                .as("Step 1: GET /prices must answer 200, got %s with body %s", response.statusCode(), response.body())
                .isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse(""))
                .as("Step 1: GET /prices must answer JSON")
                .startsWith("application/json");
        JsonNode body = Json.parse(response.body());
        assertThat(body.path("version").asLong()).as("Step 1: the body's version, in %s", body).isEqualTo(2);
        assertThat(body.path("prices")).as("Step 1: the body's prices, in %s", body).hasSize(2);
        assertThat(body.path("prices").get(0).path("symbol").asText()).isEqualTo("ACME");
        assertThat(body.path("prices").get(0).path("price").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(body.path("prices").get(1).path("version").asLong()).isEqualTo(2);
    }

    @Test
    @DisplayName("GET /prices sends an ETag and asks caches to revalidate")
    void getPricesSendsValidators() {
        board.update("ACME", new BigDecimal("10.00"));

        HttpResponse<String> response = Http.get(server.uri("/prices"));

        assertThat(response.headers().firstValue("ETag"))
                .as("Step 1: GET /prices must send the version as a quoted ETag")
                .contains("\"1\"");
        assertThat(response.headers().firstValue("Cache-Control"))
                .as("Step 1: GET /prices must send Cache-Control: no-cache so caches revalidate")
                .contains("no-cache");
    }

    @Test
    @DisplayName("updates from many threads each get their own version")
    void concurrentUpdatesGetDistinctVersions() throws Exception {
        int threads = 4;
        int updatesPerThread = 25_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        cleanup.add(pool::shutdownNow);
        CountDownLatch go = new CountDownLatch(1);
        Set<Long> versions = ConcurrentHashMap.newKeySet();
        List<Future<?>> work = new ArrayList<>();

        for (int t = 0; t < threads; t++) {
            String symbol = "S" + t;
            work.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < updatesPerThread; i++) {
                    versions.add(board.update(symbol, BigDecimal.valueOf(i)));
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> future : work) {
            future.get();
        }

        assertThat(versions)
                .as("Step 1: %d updates from %d threads must get %d distinct versions; is PriceBoard.update thread-safe?",
                        threads * updatesPerThread, threads, threads * updatesPerThread)
                .hasSize(threads * updatesPerThread);
        assertThat(board.version()).isEqualTo(threads * updatesPerThread);
    }
}
