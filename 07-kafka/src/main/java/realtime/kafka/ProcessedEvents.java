package realtime.kafka;

/**
 * The ids of the events whose effect has been applied. It must outlive a consumer: a restarted
 * consumer reads the same store, which is what makes a redelivery harmless. In production it is a
 * table with the event id as a unique key, written in the same transaction as the effect.
 */
public interface ProcessedEvents {

    boolean contains(String eventId);

    void add(String eventId);
}
