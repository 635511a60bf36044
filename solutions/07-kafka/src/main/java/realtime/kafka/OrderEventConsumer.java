package realtime.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of a consumer group that reads order events on a thread of its own and hands each one
 * to a handler. It commits a batch's offsets only after the handler has processed the whole batch
 * (at-least-once), sends records it cannot parse to a dead-letter topic, and stops through
 * {@link #close()}.
 *
 * <p>A {@link KafkaConsumer} is not thread-safe: only the consumer thread touches it, except for
 * {@code wakeup()}, the one method meant to be called from another thread.
 */
public final class OrderEventConsumer implements AutoCloseable {

    /** How long one poll may block. Long on purpose: {@link #close()} must not wait for it to end. */
    static final Duration POLL_TIMEOUT = Duration.ofSeconds(10);
    static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(OrderEventConsumer.class);

    private final ConsumerSettings settings;
    private final Consumer<String, String> consumer;
    private final OrderEventHandler handler;
    private final DeadLetterPublisher deadLetters;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);

    // Offsets after the last fully processed batch, per partition. Only the consumer thread uses it.
    private final Map<TopicPartition, OffsetAndMetadata> completed = new HashMap<>();
    private final Set<TopicPartition> assignment = ConcurrentHashMap.newKeySet();
    private volatile Throwable failure;

    private OrderEventConsumer(ConsumerSettings settings, OrderEventHandler handler) {
        this.settings = settings;
        this.consumer = new KafkaConsumer<>(consumerProperties(settings));
        this.handler = handler;
        this.deadLetters = new DeadLetterPublisher(settings.bootstrapServers(), settings.deadLetterTopic());
        this.thread = new Thread(this::run, "order-consumer-" + settings.groupId());
    }

    /** Creates a consumer, subscribes it to the settings' topic and starts its poll loop. */
    public static OrderEventConsumer start(ConsumerSettings settings, OrderEventHandler handler) {
        OrderEventConsumer orderConsumer = new OrderEventConsumer(settings, handler);
        orderConsumer.thread.start();
        return orderConsumer;
    }

    /** Builds the consumer's configuration: manual commits, and a bounded batch per poll. */
    public static Properties consumerProperties(ConsumerSettings settings) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        // A new group starts at the beginning of the topic instead of skipping what is already there.
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // Auto-commit would commit on a timer, whether or not the handler finished the records.
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Bounded work per poll: maxPollRecords times the slowest handling must stay under maxPollInterval.
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        properties.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) settings.maxPollInterval().toMillis());
        // Heartbeat often, so that the group notices a new member within a second, not three.
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
        return properties;
    }

    /** Returns the partitions this consumer owns right now, or none until the group has assigned some. */
    public Set<TopicPartition> assignment() {
        return Set.copyOf(assignment);
    }

    public boolean isRunning() {
        return stopped.getCount() > 0;
    }

    /** Returns the error that stopped the poll loop, or null while it runs or after a clean stop. */
    public Throwable failure() {
        return failure;
    }

    /**
     * Stops the poll loop, commits what was processed, leaves the group and returns, all within about
     * a second even when the loop is blocked in a poll.
     */
    @Override
    public void close() {
        // >>> step 2: wake the blocked poll, then wait for the loop to close the consumer
        if (!isRunning()) {
            return;
        }
        consumer.wakeup();
        try {
            if (!stopped.await(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Consumer of {} did not stop within {}; its thread is still running", settings.topic(), SHUTDOWN_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // <<< step 2
    }

    // The poll loop. wakeup() makes poll() throw WakeupException, which ends the loop. The finally
    // block then closes the consumer, which commits and leaves the group at once.
    private void run() {
        try {
            consumer.subscribe(List.of(settings.topic()), new CommitOnRevoke(consumer, completed, assignment));
            while (true) {
                ConsumerRecords<String, String> records = consumer.poll(POLL_TIMEOUT);
                if (!records.isEmpty()) {
                    processBatch(records);
                }
            }
        } catch (WakeupException e) {
            LOG.debug("Consumer of {} woken up to stop", settings.topic());
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("Consumer of {} in group {} stopped after an error; its uncommitted batch will be redelivered",
                    settings.topic(), settings.groupId(), e);
        } finally {
            try {
                closeConsumer();
            } finally {
                deadLetters.close();
                stopped.countDown();
            }
        }
    }

    private void closeConsumer() {
        // >>> step 2: close the consumer, so that it commits and leaves the group now
        consumer.close();
        // <<< step 2
    }

    private void processBatch(ConsumerRecords<String, String> records) {
        // >>> step 3: process every record, then commit the offsets after the batch
        for (ConsumerRecord<String, String> record : records) {
            process(record);
        }

        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, String>> partitionRecords = records.records(partition);
            long last = partitionRecords.get(partitionRecords.size() - 1).offset();
            completed.put(partition, new OffsetAndMetadata(last + 1));
        }
        // Asynchronous, so the next poll need not wait. A lost commit costs at most one batch of
        // redelivery, and CommitOnRevoke commits synchronously before a partition moves.
        consumer.commitAsync(Map.copyOf(completed), (offsets, error) -> {
            if (error != null) {
                LOG.warn("Commit of {} failed; those records will be redelivered: {}", offsets, error.toString());
            }
        });
        // <<< step 3
    }

    private void process(ConsumerRecord<String, String> record) {
        OrderEvent event;
        try {
            event = OrderEventJson.parse(record.value());
        } catch (InvalidOrderEventException e) {
            deadLetters.publish(record, e);
            return;
        }
        handler.handle(event);
    }
}
