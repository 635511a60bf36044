package realtime.kafka;

import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes order events to a topic. Safe to share between threads, as {@link KafkaProducer} is.
 */
public final class OrderEventPublisher implements AutoCloseable {

    private final Producer<String, String> producer;
    private final String topic;

    public OrderEventPublisher(String bootstrapServers, String topic) {
        this.producer = new KafkaProducer<>(producerProperties(bootstrapServers));
        this.topic = topic;
    }

    /** Builds the producer's configuration: the brokers, the serializers, and how safe a write is. */
    public static Properties producerProperties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);

        // >>> step 1: wait for every in-sync replica and turn on idempotence
        // Say both, even though kafka-clients 3.0+ defaults to them: clients before 3.0 and many
        // shared configuration files still use acks=1, which loses a write when the leader dies.
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return properties;
        // <<< step 1
    }

    /**
     * Sends an event keyed by its order id. The future completes when the broker has the event, or
     * fails with the delivery error (a record too large, a timeout, a missing authorization).
     */
    public CompletableFuture<RecordMetadata> publish(OrderEvent event) {
        // >>> step 1: send the event keyed by its order id and report how the delivery went
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.orderId(), OrderEventJson.write(event));
        CompletableFuture<RecordMetadata> delivery = new CompletableFuture<>();
        producer.send(record, (metadata, error) -> {
            if (error != null) {
                delivery.completeExceptionally(error);
            } else {
                delivery.complete(metadata);
            }
        });
        return delivery;
        // <<< step 1
    }

    /** Sends a raw value as it is, for the demo's "poison message" button and for tests. */
    public CompletableFuture<RecordMetadata> publishRaw(String key, String value) {
        CompletableFuture<RecordMetadata> delivery = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, error) -> {
            if (error != null) {
                delivery.completeExceptionally(error);
            } else {
                delivery.complete(metadata);
            }
        });
        return delivery;
    }

    /** Sends whatever is still buffered, then releases the producer's threads and sockets. */
    @Override
    public void close() {
        producer.close();
    }
}
