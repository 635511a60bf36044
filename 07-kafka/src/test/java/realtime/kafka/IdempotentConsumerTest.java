package realtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.testkit.Cleanup;
import realtime.testkit.Kafka;

@Tag("step-4")
@DisplayName("Step 4 — Apply each event once")
class IdempotentConsumerTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    @Test
    @DisplayName("an event delivered twice has one effect")
    void redeliveryHasNoSecondEffect() {
        RecordingHandler effects = new RecordingHandler();
        IdempotentHandler handler = new IdempotentHandler(new InMemoryProcessedEvents(), effects);
        OrderEvent paid = OrderEvent.of("order-1", 2, "PAID");

        handler.handle(paid);
        handler.handle(paid);

        assertThat(effects.events())
                .as("Step 4: the second delivery of event %s must be skipped. See IdempotentHandler.handle.", paid.eventId())
                .containsExactly(paid);
    }

    @Test
    @DisplayName("different events each have their effect")
    void distinctEventsAllApply() {
        RecordingHandler effects = new RecordingHandler();
        IdempotentHandler handler = new IdempotentHandler(new InMemoryProcessedEvents(), effects);
        // The same order and status twice, but two events: only the event id identifies a repeat.
        OrderEvent first = OrderEvent.of("order-1", 1, "PLACED");
        OrderEvent second = OrderEvent.of("order-1", 1, "PLACED");

        handler.handle(first);
        handler.handle(second);

        assertThat(effects.events())
                .as("Step 4: two events with different ids must both take effect; deduplicate by event id only."
                        + " See IdempotentHandler.handle.")
                .containsExactly(first, second);
    }

    @Test
    @DisplayName("a crash after 30 of 100 records and a restart give exactly 100 effects, in order")
    void crashAndRestartGiveOneEffectPerEvent() throws Exception {
        String topic = Kafka.createTopic("orders", 3);
        ConsumerSettings settings = ConsumerSettings.of(Kafka.bootstrapServers(), Kafka.uniqueName("group"), topic);
        OrderEventPublisher publisher = cleanup.add(new OrderEventPublisher(Kafka.bootstrapServers(), topic));
        List<OrderEvent> events = OrderEvents.interleaved(10, 100);
        OrderEvents.publishAll(publisher, events);
        // Both runs share the store of processed ids and the effects, as a database would keep them.
        ProcessedEvents processed = new InMemoryProcessedEvents();
        RecordingHandler effects = new RecordingHandler();
        OrderEventConsumer crashing = cleanup.add(OrderEventConsumer.start(settings,
                new CrashingHandler(30, new IdempotentHandler(processed, effects))));
        await().until(() -> !crashing.isRunning());
        Running.requireSimulatedCrash(crashing);
        assertThat(effects.count()).as("effects before the crash").isEqualTo(30);

        OrderEventConsumer restarted = cleanup.add(OrderEventConsumer.start(settings, new IdempotentHandler(processed, effects)));

        Set<String> expected = events.stream().map(OrderEvent::eventId).collect(Collectors.toSet());
        await().untilAsserted(() -> {
            Running.require(restarted);
            assertThat(effects.distinctEventIds())
                    .as("Step 4: after the restart every event must have taken effect")
                    .containsExactlyInAnyOrderElementsOf(expected);
        });
        assertThat(effects.count())
                .as("Step 4: the restart redelivers the batch that was not committed; each redelivered event must be"
                        + " skipped, so the 100 events have exactly 100 effects. See IdempotentHandler.handle.")
                .isEqualTo(100);
        assertThat(OrderEvents.outOfOrder(effects.sequencesByOrder()))
                .as("Step 4: each order's effects must follow the order of its events")
                .isEmpty();
    }
}
