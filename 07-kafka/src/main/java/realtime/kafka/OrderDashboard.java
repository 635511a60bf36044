package realtime.kafka;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's web side: the page at {@code /}, order events pushed to browsers over Server-Sent
 * Events at {@code /events} (all orders, or one with {@code ?orderId=}), the group's lag at {@code /lag}, and buttons that place an order or
 * publish a poison message. It is the consumer's effect: {@link #handle} runs on the consumer thread.
 */
final class OrderDashboard implements OrderEventHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrderDashboard.class);

    // Each browser, with the order id it follows, or "" for all orders.
    private final Map<SseClient, String> clients = new ConcurrentHashMap<>();
    private final Javalin app;

    OrderDashboard(OrderSimulator simulator, OrderEventPublisher publisher, Supplier<Map<TopicPartition, Long>> lag) {
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.routes.sse("/events", this::subscribe);
            config.routes.get("/lag", ctx -> ctx.json(lagBody(lag.get())));
            config.routes.post("/orders", ctx -> ctx.status(HttpStatus.CREATED).json(Map.of("orderId", simulator.placeOrder())));
            config.routes.post("/poison", ctx -> {
                publisher.publishRaw("poison", "{\"orderId\": \"order-broken\", \"status\": ").get();
                ctx.status(HttpStatus.ACCEPTED).json(Map.of("published", "a record that is not valid JSON"));
            });
            // An exercise that is still a TODO: say which step, so the page can too.
            config.routes.exception(UnsupportedOperationException.class, (e, ctx) -> ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of(
                    "error", "not_implemented",
                    "message", String.valueOf(e.getMessage()))));
        });
    }

    /** Starts listening on 127.0.0.1; port 0 picks a free port, which {@link #port()} returns. */
    OrderDashboard start(int port) {
        app.start("127.0.0.1", port);
        return this;
    }

    int port() {
        return app.port();
    }

    /** Pushes one order event to every browser that follows all orders or this one. */
    @Override
    public void handle(OrderEvent event) {
        String json = OrderEventJson.write(event);
        clients.forEach((client, orderId) -> {
            if (orderId.isEmpty() || orderId.equals(event.orderId())) {
                client.sendEvent("order", json);
            }
        });
    }

    private void subscribe(SseClient client) {
        String orderId = client.ctx().queryParam("orderId");
        clients.put(client, orderId == null ? "" : orderId.strip());
        client.onClose(() -> {
            clients.remove(client);
            LOG.debug("Browser left; {} connected", clients.size());
        });
        LOG.debug("Browser connected; {} connected", clients.size());
        // Keeps the request open after this method returns, so later events can go out on it.
        client.keepAlive();
    }

    private static Map<String, Object> lagBody(Map<TopicPartition, Long> lag) {
        Map<String, Long> partitions = new TreeMap<>();
        lag.forEach((partition, records) -> partitions.put(partition.toString(), records));
        return Map.of("total", ConsumerLag.total(lag), "partitions", partitions);
    }

    @Override
    public void close() {
        app.stop();
    }
}
