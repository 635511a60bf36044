package realtime.testkit;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.awaitility.Awaitility;

/**
 * The Kafka broker that a module's tests talk to. It is the one that {@code KAFKA_BOOTSTRAP_SERVERS}
 * names when that variable is set; otherwise a real single-node KRaft broker that starts inside the
 * test JVM on first use (a few seconds) and stops when the JVM exits.
 *
 * <p>Every test shares the broker, so each test isolates itself with {@link #createTopic} (a new
 * topic with a unique name) and a unique consumer group id from {@link #uniqueName}.
 *
 * <p>A module that uses this class declares {@code kafka-test-common-runtime} and {@code kafka_2.13}
 * in test scope: the testkit marks them optional.
 */
public final class Kafka {

    public static final String BOOTSTRAP_SERVERS_VARIABLE = "KAFKA_BOOTSTRAP_SERVERS";

    private static final long ADMIN_TIMEOUT_SECONDS = 30;

    private static String bootstrapServers;
    private static IllegalStateException startFailure;

    private Kafka() {
    }

    /**
     * Returns the bootstrap servers of the shared broker, starting the embedded one on first use.
     *
     * @throws IllegalStateException when the embedded broker cannot start; the message names the
     *                               environment variable to set instead. A failed start is not
     *                               retried, so every later test fails at once with the same message.
     */
    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null && startFailure == null) {
            try {
                bootstrapServers = Broker.resolve();
            } catch (IllegalStateException e) {
                startFailure = e;
            }
        }
        if (startFailure != null) {
            throw new IllegalStateException(startFailure.getMessage(), startFailure);
        }
        return bootstrapServers;
    }

    /** Returns a name no other test uses, such as {@code orders-3f2a9c1e}, for a topic or a group id. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Creates a topic with a unique name and the given number of partitions, waits until every
     * partition has a leader, and returns the topic's name.
     */
    public static String createTopic(String prefix, int partitions) {
        String topic = uniqueName(prefix);
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            // A producer that sends before the broker leads the partitions gets NOT_LEADER_OR_FOLLOWER
            // and retries, with a warning in the test output.
            Awaitility.await("leaders for every partition of " + topic)
                    .atMost(Duration.ofSeconds(ADMIN_TIMEOUT_SECONDS))
                    // The broker may not know the new topic yet: describeTopics then fails, and that means "not yet".
                    .ignoreExceptions()
                    .until(() -> hasLeaders(admin, topic));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + topic + " on " + bootstrapServers() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
        return topic;
    }

    private static boolean hasLeaders(Admin admin, String topic) throws Exception {
        TopicDescription description = admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .get(topic);
        return description.partitions().stream().allMatch(partition -> partition.leader() != null);
    }

    /** Opens an admin client on the shared broker; the caller closes it. */
    public static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    // Kept apart, so the broker's classes (optional dependencies of the testkit) load only when a
    // test requests the embedded broker.
    private static final class Broker {

        static String resolve() {
            String configured = System.getenv(BOOTSTRAP_SERVERS_VARIABLE);
            if (configured != null && !configured.isBlank()) {
                return configured.strip();
            }
            return startEmbedded();
        }

        private static String startEmbedded() {
            KafkaClusterTestKit cluster = null;
            try {
                TestKitNodes nodes = new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build();
                cluster = new KafkaClusterTestKit.Builder(nodes)
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        // One partition instead of 50, so the first group join creates the offsets topic quickly.
                        .setConfigProp("offsets.topic.num.partitions", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .build();
                quietBrokerLogs();
                keepTheJvmRunning();
                formatWithoutOutput(cluster);
                cluster.startup();
                cluster.waitForReadyBrokers();
            } catch (Exception | LinkageError e) {
                closeQuietly(cluster);
                throw new IllegalStateException("Could not start an embedded Kafka broker on this machine (" + e
                        + "). Start a Kafka broker yourself and set " + BOOTSTRAP_SERVERS_VARIABLE
                        + " to its address, for example " + BOOTSTRAP_SERVERS_VARIABLE + "=localhost:9092.", e);
            }
            KafkaClusterTestKit started = cluster;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(started), "embedded-kafka-shutdown"));
            return started.bootstrapServers();
        }

        // The broker calls Exit.exit or Exit.halt when a thread meets a fatal error, which stops the
        // test JVM. NOTE: runs whose tests had all passed were seen to end with a non-zero exit of the
        // test JVM, which fits such a call while the broker shuts down at JVM exit; here the call is
        // reported instead, and a broken broker still fails the tests that use it.
        private static void keepTheJvmRunning() {
            Exit.Procedure report = (status, message) -> System.err.println(
                    "The embedded Kafka broker requested a JVM exit with status " + status + " (" + message + "); ignored");
            Exit.setExitProcedure(report);
            Exit.setHaltProcedure(report);
        }

        // The controller logs its first start at WARN. Applies to slf4j-simple, the binding the
        // modules use, and only when the run has not chosen a level for these loggers itself.
        private static void quietBrokerLogs() {
            String property = "org.slf4j.simpleLogger.log.org.apache.kafka.controller";
            if (System.getProperty(property) == null) {
                System.setProperty(property, "error");
            }
        }

        // format() prints a line per log directory to System.out, which would land in every test
        // report. NOTE: whatever another thread prints during those few milliseconds is lost too.
        private static void formatWithoutOutput(KafkaClusterTestKit cluster) throws Exception {
            PrintStream out = System.out;
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            try {
                cluster.format();
            } finally {
                System.setOut(out);
            }
        }

        private static void closeQuietly(KafkaClusterTestKit cluster) {
            if (cluster == null) {
                return;
            }
            try {
                cluster.close();
            } catch (Exception e) {
                System.err.println("Could not stop the embedded Kafka broker cleanly: " + e);
            }
        }
    }
}
