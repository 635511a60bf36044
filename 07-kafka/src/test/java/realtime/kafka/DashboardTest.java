package realtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Http;
import realtime.testkit.Kafka;

@Tag("step-3")
@DisplayName("Step 3 — Commit offsets only after processing: the dashboard")
class DashboardTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("streams one order's processed events to the browser that follows it")
    void streamsOneOrdersEvents() throws Exception {
        String topic = Kafka.createTopic("orders", 3);
        OrderEventPublisher publisher = cleanup.add(new OrderEventPublisher(Kafka.bootstrapServers(), topic));
        OrderDashboard dashboard = cleanup.add(new OrderDashboard(new OrderSimulator(publisher), publisher, Map::of)).start(0);
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = Http.client().sendAsync(
                Http.request(URI.create("http://127.0.0.1:" + dashboard.port() + "/events?orderId=order-1"),
                        "Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get();
        Thread reader = new Thread(() -> response.body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        ConsumerSettings settings = ConsumerSettings.of(Kafka.bootstrapServers(), Kafka.uniqueName("group"), topic);
        OrderEventConsumer consumer = cleanup.add(OrderEventConsumer.start(settings, dashboard));
        List<OrderEvent> events = OrderEvents.interleaved(3, 12);

        OrderEvents.publishAll(publisher, events);

        await().untilAsserted(() -> {
            Running.require(consumer);
            assertThat(lines.stream().filter(line -> line.startsWith("data:")).count())
                    .as("Step 3: the browser that follows order-1 must receive its 4 events over SSE")
                    .isEqualTo(4);
        });
        List<OrderEvent> received = lines.stream()
                .filter(line -> line.startsWith("data:"))
                .map(line -> OrderEventJson.parse(line.substring("data:".length()).strip()))
                .toList();
        assertThat(received).extracting(OrderEvent::orderId).as("only order-1's events").containsOnly("order-1");
        assertThat(received).extracting(OrderEvent::sequence).as("in the order they were published").containsExactly(1L, 2L, 3L, 4L);
    }
}
