package realtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Kafka;

@Tag("step-3")
@DisplayName("Step 3 — Commit offsets only after processing: bounded batches")
class BoundedBatchTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("a slow handler keeps its partitions")
    void slowHandlerStaysInTheGroup() throws Exception {
        String topic = Kafka.createTopic("orders", 1);
        String groupId = Kafka.uniqueName("group");
        // 100 records at 20 ms each take 2 s, twice the poll interval; a batch of 10 takes 0.2 s.
        ConsumerSettings settings = ConsumerSettings.of(Kafka.bootstrapServers(), groupId, topic)
                .withMaxPollRecords(10)
                .withMaxPollInterval(Duration.ofSeconds(1));
        OrderEventPublisher publisher = cleanup.add(new OrderEventPublisher(Kafka.bootstrapServers(), topic));
        List<OrderEvent> events = OrderEvents.interleaved(5, 100);
        OrderEvents.publishAll(publisher, events);
        RecordingHandler handled = new RecordingHandler();

        OrderEventConsumer consumer = cleanup.add(OrderEventConsumer.start(settings, event -> {
            simulateWork(Duration.ofMillis(20));
            handled.handle(event);
        }));

        // An evicted consumer's commits fail, so the offset never reaches the end of the partition.
        await().untilAsserted(() -> {
            Running.require(consumer);
            assertThat(ConsumerGroups.committedOffset(groupId, new TopicPartition(topic, 0)))
                    .as("Step 3: the consumer must commit all 100 records. If the log above says \"consumer poll timeout"
                            + " has expired\", a batch took longer than max.poll.interval.ms and the group evicted the"
                            + " consumer. Poll at most maxPollRecords records at a time"
                            + " (OrderEventConsumer.consumerProperties).")
                    .isEqualTo(100L);
        });
        assertThat(handled.count())
                .as("Step 3: each batch must finish well within max.poll.interval.ms, or the group evicts the consumer"
                        + " and the batch runs again. %d events were processed %d times. Poll at most maxPollRecords"
                        + " records at a time (OrderEventConsumer.consumerProperties) and process only the batch that"
                        + " poll returned. See OrderEventConsumer.processBatch.", events.size(), handled.count())
                .isEqualTo(events.size());
    }

    // Stands for real work, such as a database write. The test waits for outcomes with Awaitility.
    private static void simulateWork(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
