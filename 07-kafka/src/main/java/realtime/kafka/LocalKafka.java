package realtime.kafka;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker the demo talks to: the one {@code KAFKA_BOOTSTRAP_SERVERS} names when that variable is
 * set, or else a real single-node KRaft broker started inside this JVM, so the demo runs on a
 * machine with nothing but a JDK. The in-JVM broker keeps its data in a temporary folder, deleted
 * on close.
 */
public final class LocalKafka implements AutoCloseable {

    public static final String BOOTSTRAP_SERVERS_VARIABLE = "KAFKA_BOOTSTRAP_SERVERS";

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);

    private final String bootstrapServers;
    private final KafkaClusterTestKit embedded;

    private LocalKafka(String bootstrapServers, KafkaClusterTestKit embedded) {
        this.bootstrapServers = bootstrapServers;
        this.embedded = embedded;
    }

    /** Uses the broker named by {@code KAFKA_BOOTSTRAP_SERVERS}, or starts one in this JVM. */
    public static LocalKafka resolve() {
        String configured = System.getenv(BOOTSTRAP_SERVERS_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            LOG.info("Using the Kafka broker at {} ({})", configured.strip(), BOOTSTRAP_SERVERS_VARIABLE);
            return new LocalKafka(configured.strip(), null);
        }
        return startEmbedded();
    }

    private static LocalKafka startEmbedded() {
        KafkaClusterTestKit cluster = null;
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            // One broker stores every internal topic, and a new group starts without the 3 s wait
            // that a real cluster uses to collect members.
            cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    // One partition instead of 50, so the first group join creates the offsets topic quickly.
                    .setConfigProp("offsets.topic.num.partitions", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception | LinkageError e) {
            closeQuietly(cluster);
            throw new IllegalStateException("Could not start a Kafka broker inside the JVM (" + e + "). Start a broker"
                    + " yourself and set " + BOOTSTRAP_SERVERS_VARIABLE + " to its address, for example "
                    + BOOTSTRAP_SERVERS_VARIABLE + "=localhost:9092.", e);
        }
        LOG.info("Started a Kafka broker inside the JVM at {}", cluster.bootstrapServers());
        return new LocalKafka(cluster.bootstrapServers(), cluster);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Stops the in-JVM broker, if this object started one. */
    @Override
    public void close() {
        closeQuietly(embedded);
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            LOG.warn("Could not stop the in-JVM Kafka broker cleanly: {}", e.toString());
        }
    }
}
