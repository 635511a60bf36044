package realtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Kafka;

@Tag("step-1")
@DisplayName("Step 1 — Publish each order's events in order")
class PublishOrderEventsTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("waits for all in-sync replicas, with idempotence on")
    void producerIsSafe() {
        Properties properties = OrderEventPublisher.producerProperties("localhost:9092");

        assertThat(String.valueOf(properties.get(ProducerConfig.ACKS_CONFIG)))
                .as("Step 1: the producer must set acks=all, so a write survives the loss of the leader."
                        + " See OrderEventPublisher.producerProperties.")
                .isIn("all", "-1");
        assertThat(String.valueOf(properties.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)))
                .as("Step 1: the producer must set enable.idempotence=true, so a retried send is not written twice."
                        + " See OrderEventPublisher.producerProperties.")
                .isEqualTo("true");
    }

    @Test
    @DisplayName("keys each event by its order id, so an order stays on one partition, in order")
    void keysByOrderId() throws Exception {
        String topic = Kafka.createTopic("orders", 3);
        OrderEventPublisher publisher = cleanup.add(new OrderEventPublisher(Kafka.bootstrapServers(), topic));
        List<OrderEvent> events = OrderEvents.interleaved(6, 30);

        OrderEvents.publishAll(publisher, events);
        List<ConsumerRecord<String, String>> records = TopicReader.readAll(topic, events.size());

        Map<String, Integer> partitionOfOrder = new HashMap<>();
        Map<String, Long> lastSequence = new HashMap<>();
        records.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        for (ConsumerRecord<String, String> record : records) {
            OrderEvent event = OrderEventJson.parse(record.value());
            assertThat(record.key())
                    .as("Step 1: the record of %s must have its order id as the key. See OrderEventPublisher.publish.", event)
                    .isEqualTo(event.orderId());
            Integer partition = partitionOfOrder.putIfAbsent(event.orderId(), record.partition());
            assertThat(partition == null ? record.partition() : partition)
                    .as("Step 1: every event of %s must land on one partition", event.orderId())
                    .isEqualTo(record.partition());
            long previous = lastSequence.getOrDefault(event.orderId(), 0L);
            assertThat(event.sequence())
                    .as("Step 1: the events of %s must be stored in the order they were published", event.orderId())
                    .isEqualTo(previous + 1);
            lastSequence.put(event.orderId(), event.sequence());
        }
        assertThat(records).as("Step 1: all %d events must reach the topic", events.size()).hasSize(events.size());
    }

    @Test
    @DisplayName("fails the returned future when the broker rejects the event")
    void reportsDeliveryErrors() {
        String topic = Kafka.createTopic("orders", 1);
        OrderEventPublisher publisher = cleanup.add(new OrderEventPublisher(Kafka.bootstrapServers(), topic));
        // Larger than the producer's max.request.size of 1 MiB, so the send cannot succeed.
        OrderEvent tooLarge = OrderEvent.of("order-1", 1, "X".repeat(2 * 1024 * 1024));

        Throwable error = catchThrowable(() -> publisher.publish(tooLarge).get(30, TimeUnit.SECONDS));

        assertThat(error)
                .as("Step 1: publishing a 2 MiB event must fail the returned future with the delivery error,"
                        + " not complete it. Complete the future from the send callback. See OrderEventPublisher.publish.")
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RecordTooLargeException.class);
    }
}
