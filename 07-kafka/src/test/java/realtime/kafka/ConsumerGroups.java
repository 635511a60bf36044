package realtime.kafka;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import realtime.testkit.Kafka;

/** Queries the broker about consumer groups. */
final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /** Returns the group's committed offset for the partition, or null when it has none. */
    static Long committedOffset(String groupId, TopicPartition partition) throws Exception {
        try (Admin admin = Kafka.admin()) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .get(partition);
            return committed == null ? null : committed.offset();
        }
    }

    /** Returns how many consumers the broker counts as members of the group right now. */
    static int memberCount(String groupId) throws Exception {
        try (Admin admin = Kafka.admin()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId))
                    .describedGroups()
                    .get(groupId)
                    .get(30, TimeUnit.SECONDS);
            return group.members().size();
        }
    }
}
