package realtime.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the order-tracking demo on port 7007: a broker (yours or one inside this JVM), a simulator
 * that publishes order events, a consumer group of one that pushes them to browsers, and the page at
 * http://localhost:7007/. Stop it with Ctrl+C.
 */
public final class OrderEventsDemo {

    static final int PORT = 7007;
    static final String TOPIC = "orders";
    static final String GROUP_ID = "order-dashboard";

    private static final Logger LOG = LoggerFactory.getLogger(OrderEventsDemo.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        LocalKafka kafka = LocalKafka.resolve();
        System.out.println("Kafka broker: " + kafka.bootstrapServers());
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        ConsumerSettings settings = ConsumerSettings.of(kafka.bootstrapServers(), GROUP_ID, TOPIC);
        createTopic(admin, TOPIC, 3);
        createTopic(admin, settings.deadLetterTopic(), 1);

        OrderEventPublisher publisher;
        try {
            publisher = new OrderEventPublisher(kafka.bootstrapServers(), TOPIC);
        } catch (UnsupportedOperationException e) {
            System.err.println("The demo publishes with your OrderEventPublisher, so it needs Step 1 first: " + e.getMessage());
            admin.close();
            kafka.close();
            System.exit(1);
            return;
        }
        OrderSimulator simulator = new OrderSimulator(publisher);
        OrderDashboard dashboard = new OrderDashboard(simulator, publisher,
                () -> ConsumerLag.measure(admin, GROUP_ID, ADMIN_TIMEOUT)).start(PORT);
        OrderEventConsumer consumer = OrderEventConsumer.start(settings,
                new IdempotentHandler(new InMemoryProcessedEvents(), dashboard));
        simulator.start(800);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            consumer.close();
            dashboard.close();
            publisher.close();
            admin.close();
            kafka.close();
            LOG.info("Order dashboard stopped");
        }, "demo-shutdown"));
        System.out.println("Open http://localhost:" + PORT + "/ to watch the orders (topic " + TOPIC + ", group " + GROUP_ID
                + "), or stream them: curl -N -H 'Accept: text/event-stream' localhost:" + PORT + "/events");
        new CountDownLatch(1).await();
    }

    private static void createTopic(Admin admin, String topic, int partitions) throws InterruptedException {
        try {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + topic + ": " + e.getCause(), e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating topic " + topic + " after " + ADMIN_TIMEOUT, e);
        }
    }
}
