package realtime.kafka;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import realtime.testkit.Kafka;

/** What the broker knows about a consumer group. */
final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /** Returns how many consumers the broker counts as members of the group right now. */
    static int memberCount(String groupId) throws Exception {
        try (Admin admin = Kafka.admin()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(java.util.List.of(groupId))
                    .describedGroups()
                    .get(groupId)
                    .get(30, TimeUnit.SECONDS);
            return group.members().size();
        }
    }
}
