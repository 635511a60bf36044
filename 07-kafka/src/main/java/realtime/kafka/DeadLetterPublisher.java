package realtime.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a record that cannot be processed (a poison message) to a dead-letter topic, with the error
 * and the record's origin in headers. The consumer goes on with the next record, and a person can
 * inspect, fix and replay the dead letter later.
 */
final class DeadLetterPublisher implements AutoCloseable {

    static final String ERROR_HEADER = "error";
    static final String SOURCE_TOPIC_HEADER = "source-topic";
    static final String SOURCE_PARTITION_HEADER = "source-partition";
    static final String SOURCE_OFFSET_HEADER = "source-offset";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterPublisher.class);
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final Producer<String, String> producer;
    private final String topic;

    DeadLetterPublisher(String bootstrapServers, String topic) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        this.producer = new KafkaProducer<>(properties);
        this.topic = topic;
    }

    /**
     * Publishes the record, unchanged, to the dead-letter topic and waits until the broker has it.
     *
     * @throws IllegalStateException when the dead-letter topic does not take the record; the
     *                               consumer must then stop rather than commit past a record it lost
     */
    void publish(ConsumerRecord<String, String> record, Exception error) {
        throw new UnsupportedOperationException("TODO step 5: copy the record to the dead-letter topic with its error, and wait for the broker");
    }

    @Override
    public void close() {
        producer.close();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
