package realtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Kafka;

@Tag("step-2")
@DisplayName("Step 2 — Stop the consumer within a second")
class ShutdownTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("close stops a consumer blocked in poll within a second")
    void closeWakesThePoll() {
        ConsumerSettings settings = ConsumerSettings.of(Kafka.bootstrapServers(), Kafka.uniqueName("group"), Kafka.createTopic("orders", 3));
        OrderEventConsumer consumer = cleanup.add(OrderEventConsumer.start(settings, new RecordingHandler()));
        // Assigned and idle: the loop now sits in a poll that blocks for up to 10 s on the empty topic.
        await().until(() -> !consumer.assignment().isEmpty());

        long start = System.nanoTime();
        consumer.close();
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(elapsed)
                .as("Step 2: close() must return within 1 s, but it took %d ms. A flag the loop checks between polls"
                        + " waits for the poll to time out; wakeup() interrupts it. See OrderEventConsumer.close.", elapsed.toMillis())
                .isLessThan(Duration.ofSeconds(1));
        assertThat(consumer.isRunning())
                .as("Step 2: after close() returns, the poll loop must have ended. See OrderEventConsumer.close.")
                .isFalse();
        assertThat(consumer.failure())
                .as("Step 2: a requested stop is not an error, but the loop ended with one. See OrderEventConsumer.close.")
                .isNull();
    }

    @Test
    @DisplayName("close leaves the group at once")
    void closeLeavesTheGroup() throws Exception {
        String groupId = Kafka.uniqueName("group");
        ConsumerSettings settings = ConsumerSettings.of(Kafka.bootstrapServers(), groupId, Kafka.createTopic("orders", 3));
        OrderEventConsumer consumer = cleanup.add(OrderEventConsumer.start(settings, new RecordingHandler()));
        await().until(() -> !consumer.assignment().isEmpty());
        assertThat(ConsumerGroups.memberCount(groupId)).as("the running consumer is a member of its group").isEqualTo(1);

        consumer.close();

        assertThat(ConsumerGroups.memberCount(groupId))
                .as("Step 2: a closed consumer must leave its group at once, so its partitions move now and not after"
                        + " the 45 s session timeout. The poll loop must end by closing the KafkaConsumer."
                        + " See OrderEventConsumer.closeConsumer.")
                .isZero();
    }
}
