package realtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Kafka;

@Tag("step-5")
@DisplayName("Step 5 — Send poison messages to a dead-letter topic")
class DeadLetterTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("a record that is not JSON goes to the dead-letter topic, and the next one is processed")
    void badJsonGoesToDeadLetters() throws Exception {
        String topic = Kafka.createTopic("orders", 1);
        String deadLetterTopic = Kafka.createTopic("orders-dead-letters", 1);
        ConsumerSettings settings = ConsumerSettings.of(Kafka.bootstrapServers(), Kafka.uniqueName("group"), topic)
                .withDeadLetterTopic(deadLetterTopic);
        OrderEventPublisher publisher = cleanup.add(new OrderEventPublisher(Kafka.bootstrapServers(), topic));
        RecordingHandler handler = new RecordingHandler();
        OrderEventConsumer consumer = cleanup.add(OrderEventConsumer.start(settings, handler));
        OrderEvent next = OrderEvent.of("order-7", 1, "PLACED");

        publisher.publishRaw("order-7", "{\"orderId\": \"order-7\", ").get();
        publisher.publish(next).get();

        await().untilAsserted(() -> {
            Running.require(consumer);
            assertThat(handler.events())
                    .as("Step 5: the event after a poison message must still be processed, and the consumer must keep"
                            + " running. See DeadLetterPublisher.publish.")
                    .containsExactly(next);
        });
        assertThat(consumer.isRunning()).as("Step 5: a poison message must not stop the consumer").isTrue();
        ConsumerRecord<String, String> deadLetter = TopicReader.readAll(deadLetterTopic, 1).get(0);
        assertThat(deadLetter.value())
                .as("Step 5: the dead letter must carry the original value, unchanged")
                .isEqualTo("{\"orderId\": \"order-7\", ");
        assertThat(deadLetter.key()).as("Step 5: the dead letter must keep the original key").isEqualTo("order-7");
        assertThat(header(deadLetter, DeadLetterPublisher.ERROR_HEADER))
                .as("Step 5: the dead letter's '%s' header must say why the record was rejected. See DeadLetterPublisher.publish.",
                        DeadLetterPublisher.ERROR_HEADER)
                .contains("not valid JSON");
        assertThat(header(deadLetter, DeadLetterPublisher.SOURCE_TOPIC_HEADER))
                .as("Step 5: the dead letter's '%s' header must name the topic it came from", DeadLetterPublisher.SOURCE_TOPIC_HEADER)
                .isEqualTo(topic);
        assertThat(header(deadLetter, DeadLetterPublisher.SOURCE_OFFSET_HEADER))
                .as("Step 5: the dead letter's '%s' header must give its offset in the source topic", DeadLetterPublisher.SOURCE_OFFSET_HEADER)
                .isEqualTo("0");
    }

    @Test
    @DisplayName("an event without an order id goes to the dead-letter topic, naming the field")
    void missingFieldGoesToDeadLetters() throws Exception {
        String topic = Kafka.createTopic("orders", 1);
        String deadLetterTopic = Kafka.createTopic("orders-dead-letters", 1);
        ConsumerSettings settings = ConsumerSettings.of(Kafka.bootstrapServers(), Kafka.uniqueName("group"), topic)
                .withDeadLetterTopic(deadLetterTopic);
        OrderEventPublisher publisher = cleanup.add(new OrderEventPublisher(Kafka.bootstrapServers(), topic));
        RecordingHandler handler = new RecordingHandler();
        OrderEventConsumer consumer = cleanup.add(OrderEventConsumer.start(settings, handler));

        publisher.publishRaw("order-8", "{\"eventId\": \"e-1\", \"sequence\": 1, \"status\": \"PAID\"}").get();

        List<ConsumerRecord<String, String>> deadLetters = TopicReader.readAll(deadLetterTopic, 1, () -> Running.require(consumer));
        assertThat(header(deadLetters.get(0), DeadLetterPublisher.ERROR_HEADER))
                .as("Step 5: the error header must name the missing field. See DeadLetterPublisher.publish.")
                .contains("orderId");
        assertThat(handler.events()).as("Step 5: an invalid event must not reach the handler").isEmpty();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
