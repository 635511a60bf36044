package realtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Kafka;

@Tag("step-3")
@DisplayName("Step 3 — Commit offsets only after processing")
class CommitAfterProcessingTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("two consumers over three partitions keep each order's events in order")
    void twoConsumersKeepOrderPerKey() throws Exception {
        String topic = Kafka.createTopic("orders", 3);
        ConsumerSettings settings = ConsumerSettings.of(Kafka.bootstrapServers(), Kafka.uniqueName("group"), topic);
        RecordingHandler first = new RecordingHandler();
        RecordingHandler second = new RecordingHandler();
        OrderEventConsumer firstConsumer = cleanup.add(OrderEventConsumer.start(settings, first));
        OrderEventConsumer secondConsumer = cleanup.add(OrderEventConsumer.start(settings, second));
        await().until(() -> !firstConsumer.assignment().isEmpty() && !secondConsumer.assignment().isEmpty()
                && firstConsumer.assignment().size() + secondConsumer.assignment().size() == 3);
        OrderEventPublisher publisher = cleanup.add(new OrderEventPublisher(Kafka.bootstrapServers(), topic));
        List<OrderEvent> events = OrderEvents.interleaved(9, 90);

        OrderEvents.publishAll(publisher, events);

        await().untilAsserted(() -> {
            Running.require(firstConsumer, secondConsumer);
            assertThat(first.count() + second.count())
                .as("Step 3: the two consumers together must process all %d events. See OrderEventConsumer.processBatch.", events.size())
                .isGreaterThanOrEqualTo(events.size());
        });
        assertThat(OrderEvents.outOfOrder(first.sequencesByOrder()))
                .as("Step 3: each order's events must reach the handler in the order they were published (first consumer)")
                .isEmpty();
        assertThat(OrderEvents.outOfOrder(second.sequencesByOrder()))
                .as("Step 3: each order's events must reach the handler in the order they were published (second consumer)")
                .isEmpty();
        Set<String> sharedOrders = new HashSet<>(first.sequencesByOrder().keySet());
        sharedOrders.retainAll(second.sequencesByOrder().keySet());
        assertThat(sharedOrders)
                .as("Step 3: an order's events all live on one partition, so one consumer must process them all")
                .isEmpty();
    }

    @Test
    @DisplayName("a crash before the commit loses no record")
    void crashLosesNothing() throws Exception {
        String topic = Kafka.createTopic("orders", 3);
        ConsumerSettings settings = ConsumerSettings.of(Kafka.bootstrapServers(), Kafka.uniqueName("group"), topic);
        OrderEventPublisher publisher = cleanup.add(new OrderEventPublisher(Kafka.bootstrapServers(), topic));
        List<OrderEvent> events = OrderEvents.interleaved(10, 100);
        OrderEvents.publishAll(publisher, events);
        RecordingHandler beforeCrash = new RecordingHandler();
        OrderEventConsumer crashing = cleanup.add(OrderEventConsumer.start(settings, new CrashingHandler(30, beforeCrash)));
        await().until(() -> !crashing.isRunning());
        Running.requireSimulatedCrash(crashing);

        RecordingHandler afterRestart = new RecordingHandler();
        OrderEventConsumer restarted = cleanup.add(OrderEventConsumer.start(settings, afterRestart));

        Set<String> expected = events.stream().map(OrderEvent::eventId).collect(Collectors.toSet());
        await().untilAsserted(() -> {
            Running.require(restarted);
            Set<String> seen = new HashSet<>(beforeCrash.distinctEventIds());
            seen.addAll(afterRestart.distinctEventIds());
            assertThat(seen)
                    .as("Step 3: after a crash at the 31st record and a restart, every one of the %d events must reach a"
                            + " handler; %d did. Commit a batch only after every record in it was processed."
                            + " See OrderEventConsumer.processBatch.", expected.size(), seen.size())
                    .containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    @Test
    @DisplayName("a joining consumer repeats at most the last uncommitted batch")
    void joiningConsumerRepeatsLittle() throws Exception {
        String topic = Kafka.createTopic("orders", 3);
        int batch = 10;
        ConsumerSettings settings = ConsumerSettings.of(Kafka.bootstrapServers(), Kafka.uniqueName("group"), topic)
                .withMaxPollRecords(batch);
        OrderEventPublisher publisher = cleanup.add(new OrderEventPublisher(Kafka.bootstrapServers(), topic));
        RecordingHandler first = new RecordingHandler();
        RecordingHandler second = new RecordingHandler();
        OrderEventConsumer firstConsumer = cleanup.add(OrderEventConsumer.start(settings, first));
        List<OrderEvent> before = OrderEvents.interleaved(9, 90);
        OrderEvents.publishAll(publisher, before);
        await().until(() -> {
            Running.require(firstConsumer);
            return first.count() >= before.size();
        });

        OrderEventConsumer secondConsumer = cleanup.add(OrderEventConsumer.start(settings, second));
        await().until(() -> !secondConsumer.assignment().isEmpty()
                && firstConsumer.assignment().size() + secondConsumer.assignment().size() == 3);
        List<OrderEvent> after = OrderEvents.interleaved(9, 90);
        OrderEvents.publishAll(publisher, after);

        int total = before.size() + after.size();
        await().until(() -> {
            Running.require(firstConsumer, secondConsumer);
            Set<String> seen = new HashSet<>(first.distinctEventIds());
            seen.addAll(second.distinctEventIds());
            return seen.size() == total;
        });
        int repeated = first.count() + second.count() - total;
        assertThat(repeated)
                .as("Step 3: when a second consumer joins, it must start after the last committed batch of the partitions it"
                        + " takes over, so at most one batch (%d records) is processed twice; %d were."
                        + " Commit after each batch, and commit in onPartitionsRevoked. See OrderEventConsumer.processBatch"
                        + " and CommitOnRevoke.", batch, repeated)
                .isLessThanOrEqualTo(batch);
    }

    @Test
    @DisplayName("a frozen consumer's replacement repeats at most one batch")
    void frozenConsumerReplacementRepeatsLittle() throws Exception {
        String topic = Kafka.createTopic("orders", 3);
        int batch = 10;
        // A short poll interval, so the group evicts the frozen consumer after a second.
        ConsumerSettings settings = ConsumerSettings.of(Kafka.bootstrapServers(), Kafka.uniqueName("group"), topic)
                .withMaxPollRecords(batch)
                .withMaxPollInterval(Duration.ofSeconds(1));
        OrderEventPublisher publisher = cleanup.add(new OrderEventPublisher(Kafka.bootstrapServers(), topic));
        List<OrderEvent> events = OrderEvents.interleaved(10, 100);
        OrderEvents.publishAll(publisher, events);
        RecordingHandler handled = new RecordingHandler();
        FreezingHandler freezing = new FreezingHandler(55, handled);
        OrderEventConsumer frozen = cleanup.add(OrderEventConsumer.start(settings, freezing));
        cleanup.add(freezing::release);
        await().until(() -> {
            Running.require(frozen);
            return handled.count() == 55;
        });

        OrderEventConsumer replacement = cleanup.add(OrderEventConsumer.start(settings, handled));

        await().untilAsserted(() -> {
            Running.require(replacement);
            assertThat(handled.distinctEventIds().size())
                    .as("Step 3: after a consumer froze and the group evicted it, its replacement must process the"
                            + " records it left. See OrderEventConsumer.processBatch.")
                    .isEqualTo(events.size());
        });
        int repeated = handled.count() - events.size();
        assertThat(repeated)
                .as("Step 3: a consumer froze after 55 of 100 records, in its sixth batch of %d. Its replacement must"
                        + " resume after the last batch it committed, so at most %d records run twice; %d did."
                        + " Commit after each batch, not only on shutdown. See OrderEventConsumer.processBatch.",
                        batch, batch, repeated)
                .isLessThanOrEqualTo(batch);
    }

    @Test
    @DisplayName("commits the offset after the last processed record")
    void commitsTheNextOffset() throws Exception {
        String topic = Kafka.createTopic("orders", 1);
        String groupId = Kafka.uniqueName("group");
        ConsumerSettings settings = ConsumerSettings.of(Kafka.bootstrapServers(), groupId, topic).withMaxPollRecords(5);
        OrderEventPublisher publisher = cleanup.add(new OrderEventPublisher(Kafka.bootstrapServers(), topic));
        OrderEvents.publishAll(publisher, OrderEvents.interleaved(4, 20));
        RecordingHandler handled = new RecordingHandler();
        OrderEventConsumer consumer = cleanup.add(OrderEventConsumer.start(settings, handled));
        TopicPartition partition = new TopicPartition(topic, 0);

        await().untilAsserted(() -> {
            Running.require(consumer);
            assertThat(ConsumerGroups.committedOffset(groupId, partition))
                    .as("Step 3: after the consumer processed the records at offsets 0 to 19, the group's committed"
                            + " offset must be 20: the committed offset is the next record to read, the last processed"
                            + " offset plus one. See OrderEventConsumer.processBatch.")
                    .isEqualTo(20L);
        });
        assertThat(handled.count()).as("Step 3: each of the 20 records must be processed once").isEqualTo(20);
    }

    @Test
    @DisplayName("revoking partitions commits their processed offsets")
    void revokeCommits() {
        TopicPartition keptPartition = new TopicPartition("orders", 0);
        TopicPartition revokedPartition = new TopicPartition("orders", 1);
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(keptPartition, revokedPartition));
        Map<TopicPartition, OffsetAndMetadata> completed = new HashMap<>(Map.of(
                keptPartition, new OffsetAndMetadata(7),
                revokedPartition, new OffsetAndMetadata(42)));
        CommitOnRevoke listener = new CommitOnRevoke(consumer, completed, new HashSet<>(Set.of(keptPartition, revokedPartition)));

        listener.onPartitionsRevoked(List.of(revokedPartition));

        assertThat(consumer.committed(Set.of(revokedPartition)).get(revokedPartition))
                .as("Step 3: onPartitionsRevoked must commit offset 42, the offset after the last processed record of the"
                        + " revoked partition, before another consumer takes it over. See CommitOnRevoke.onPartitionsRevoked.")
                .isEqualTo(new OffsetAndMetadata(42));
    }
}
