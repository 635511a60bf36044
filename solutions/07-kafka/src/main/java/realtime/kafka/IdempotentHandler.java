package realtime.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each event's effect once, however often Kafka delivers the event. At-least-once delivery
 * redelivers a batch after a crash or a lost commit; this handler turns that into exactly one effect
 * per event id.
 */
public final class IdempotentHandler implements OrderEventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotentHandler.class);

    private final ProcessedEvents processed;
    private final OrderEventHandler effect;

    public IdempotentHandler(ProcessedEvents processed, OrderEventHandler effect) {
        this.processed = processed;
        this.effect = effect;
    }

    @Override
    public void handle(OrderEvent event) {
        // >>> step 4: skip an event whose id was already processed, and remember each new one
        if (processed.contains(event.eventId())) {
            LOG.debug("Skipped event {} of order {}: already processed", event.eventId(), event.orderId());
            return;
        }
        // Effect first, then the id: a crash between the two repeats the effect once, where the
        // other order would lose it. NOTE: only one transaction around both closes that window.
        effect.handle(event);
        processed.add(event.eventId());
        // <<< step 4
    }
}
