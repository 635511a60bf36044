package realtime.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Measures how far a consumer group is behind: per partition, the records between the group's
 * committed offset and the end of the partition. It queries the brokers through an {@link Admin}
 * client, as monitoring tools do, so it works from any thread and any process.
 */
public final class ConsumerLag {

    private ConsumerLag() {
    }

    /**
     * Returns the lag of each partition the group has committed an offset for. A partition the group
     * has never committed is missing from the map.
     */
    public static Map<TopicPartition, Long> measure(Admin admin, String groupId, Duration timeout) {
        try {
            return lagOf(admin, groupId, timeout.toMillis());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not measure the lag of group " + groupId + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while measuring the lag of group " + groupId, e);
        }
    }

    private static Map<TopicPartition, Long> lagOf(Admin admin, String groupId, long timeoutMillis)
            throws ExecutionException, TimeoutException, InterruptedException {
        throw new UnsupportedOperationException("TODO step 6: subtract each committed offset from the end offset of its partition");
    }

    /** Adds the lag of every partition. */
    public static long total(Map<TopicPartition, Long> lag) {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }
}
