package realtime.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits the processed offsets of the partitions a consumer is about to lose, so that the consumer
 * that takes them over starts right after the last processed record instead of repeating work.
 * Kafka calls it on the consumer thread, inside {@code poll()} or {@code close()}.
 */
final class CommitOnRevoke implements ConsumerRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(CommitOnRevoke.class);

    private final Consumer<String, String> consumer;
    private final Map<TopicPartition, OffsetAndMetadata> completed;
    private final Set<TopicPartition> assignment;

    /**
     * @param completed  the offsets after the last fully processed batch of each partition; this
     *                   listener removes the entries of the partitions that leave
     * @param assignment kept up to date with the partitions the consumer owns
     */
    CommitOnRevoke(Consumer<String, String> consumer, Map<TopicPartition, OffsetAndMetadata> completed,
                   Set<TopicPartition> assignment) {
        this.consumer = consumer;
        this.completed = completed;
        this.assignment = assignment;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        assignment.addAll(partitions);
        LOG.debug("Assigned {}", partitions);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        assignment.removeAll(partitions);
        Map<TopicPartition, OffsetAndMetadata> finished = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = completed.remove(partition);
            if (offset != null) {
                finished.put(partition, offset);
            }
        }
        if (finished.isEmpty()) {
            return;
        }

        // >>> step 3: commit the finished offsets before another consumer takes the partitions
        consumer.commitSync(finished);
        LOG.debug("Committed {} before giving the partitions up", finished);
        // <<< step 3
    }

    // Lost, not revoked: the group already gave these partitions to someone else, so a commit would
    // be rejected, and the new owner redelivers the last batch. The default would call
    // onPartitionsRevoked and try to commit anyway.
    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        assignment.removeAll(partitions);
        partitions.forEach(completed::remove);
        LOG.warn("Lost {} without a commit; the next owner redelivers their last batch", partitions);
    }
}
