package realtime.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import realtime.testkit.Kafka;

/** Reads a whole topic from the beginning, without a group, to check what a producer wrote. */
final class TopicReader {

    private TopicReader() {
    }

    /** Waits until the topic contains at least {@code expected} records and returns them all. */
    static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        return readAll(topic, expected, () -> { });
    }

    /** Like {@link #readAll(String, int)}, and runs {@code check} between polls to end the wait early. */
    static List<ConsumerRecord<String, String>> readAll(String topic, int expected, Runnable check) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrapServers(),
                ConsumerConfig.CLIENT_ID_CONFIG, "topic-reader-" + UUID.randomUUID(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = reader.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            await().until(() -> {
                check.run();
                reader.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= expected;
            });
            return records;
        }
    }
}
