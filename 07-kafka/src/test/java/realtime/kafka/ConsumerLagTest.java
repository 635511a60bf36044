package realtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Kafka;

@Tag("step-6")
@DisplayName("Step 6 — Measure the consumer lag")
class ConsumerLagTest {

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("counts the records after the committed offset, down to zero")
    void lagFollowsTheCommits() throws Exception {
        String topic = Kafka.createTopic("orders", 1);
        String groupId = Kafka.uniqueName("group");
        ConsumerSettings settings = ConsumerSettings.of(Kafka.bootstrapServers(), groupId, topic).withMaxPollRecords(5);
        OrderEventPublisher publisher = cleanup.add(new OrderEventPublisher(Kafka.bootstrapServers(), topic));
        OrderEvents.publishAll(publisher, OrderEvents.interleaved(4, 20));
        Admin admin = cleanup.add(Kafka.admin());
        // The handler stops at the 11th event, after two batches of five were processed and committed.
        CountDownLatch release = new CountDownLatch(1);
        RecordingHandler handled = new RecordingHandler();
        OrderEventConsumer consumer = cleanup.add(OrderEventConsumer.start(settings, event -> {
            if (handled.count() == 10) {
                awaitQuietly(release);
            }
            handled.handle(event);
        }));
        cleanup.add(release::countDown);
        TopicPartition partition = new TopicPartition(topic, 0);

        await().untilAsserted(() -> {
            Running.require(consumer);
            assertThat(ConsumerLag.measure(admin, groupId, ADMIN_TIMEOUT))
                    .as("Step 6: with 20 records in the partition and offset 10 committed, the lag is 10."
                            + " See ConsumerLag.lagOf.")
                    .isEqualTo(Map.of(partition, 10L));
        });
        release.countDown();

        await().untilAsserted(() -> assertThat(ConsumerLag.total(ConsumerLag.measure(admin, groupId, ADMIN_TIMEOUT)))
                .as("Step 6: once every record is processed and committed, the lag is 0. See ConsumerLag.lagOf.")
                .isZero());
    }

    @Test
    @DisplayName("is empty for a group that has committed nothing")
    void unknownGroupHasNoLag() {
        Admin admin = cleanup.add(Kafka.admin());

        Map<TopicPartition, Long> lag = ConsumerLag.measure(admin, Kafka.uniqueName("group"), ADMIN_TIMEOUT);

        assertThat(lag).as("Step 6: a group without committed offsets has no lag to report. See ConsumerLag.lagOf.").isEmpty();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
