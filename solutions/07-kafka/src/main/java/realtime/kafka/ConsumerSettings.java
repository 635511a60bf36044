package realtime.kafka;

import java.time.Duration;
import java.util.Objects;

/**
 * The topic an {@link OrderEventConsumer} reads, its group, and the bounds of its work per poll.
 *
 * @param bootstrapServers host:port pairs of the brokers
 * @param groupId          the consumer group: consumers with one id share the topic's partitions
 * @param topic            the topic of order events
 * @param deadLetterTopic  where records that cannot be parsed go, with the error in a header
 * @param maxPollRecords   the most records one poll returns; with the slowest handling time per
 *                         record, one batch must take less than {@code maxPollInterval}
 * @param maxPollInterval  how long the group waits between two polls before it evicts the consumer
 *                         and hands its partitions to another one
 */
public record ConsumerSettings(String bootstrapServers, String groupId, String topic, String deadLetterTopic,
                               int maxPollRecords, Duration maxPollInterval) {

    public static final int DEFAULT_MAX_POLL_RECORDS = 50;
    public static final Duration DEFAULT_MAX_POLL_INTERVAL = Duration.ofMinutes(1);

    public ConsumerSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
        Objects.requireNonNull(maxPollInterval, "maxPollInterval");
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("maxPollRecords must be at least 1, got " + maxPollRecords);
        }
        if (maxPollInterval.toMillis() < 1) {
            throw new IllegalArgumentException("maxPollInterval must be at least 1 ms, got " + maxPollInterval);
        }
    }

    /** Settings with the default batch bounds and the dead-letter topic {@code <topic>.dead-letters}. */
    public static ConsumerSettings of(String bootstrapServers, String groupId, String topic) {
        return new ConsumerSettings(bootstrapServers, groupId, topic, topic + ".dead-letters",
                DEFAULT_MAX_POLL_RECORDS, DEFAULT_MAX_POLL_INTERVAL);
    }

    public ConsumerSettings withDeadLetterTopic(String deadLetterTopic) {
        return new ConsumerSettings(bootstrapServers, groupId, topic, deadLetterTopic, maxPollRecords, maxPollInterval);
    }

    public ConsumerSettings withMaxPollRecords(int maxPollRecords) {
        return new ConsumerSettings(bootstrapServers, groupId, topic, deadLetterTopic, maxPollRecords, maxPollInterval);
    }

    public ConsumerSettings withMaxPollInterval(Duration maxPollInterval) {
        return new ConsumerSettings(bootstrapServers, groupId, topic, deadLetterTopic, maxPollRecords, maxPollInterval);
    }
}
