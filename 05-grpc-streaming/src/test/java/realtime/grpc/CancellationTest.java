package realtime.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.grpc.api.OrderStatus;
import realtime.grpc.api.OrderTrackingServiceGrpc;
import realtime.grpc.api.OrderUpdate;
import realtime.testkit.Cleanup;

@Tag("step-3")
@DisplayName("Step 3 — Stop producing when the client cancels")
class CancellationTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final OrderLog orders = new OrderLog();
    private final StreamStats stats = new StreamStats();
    private ManagedChannel channel;

    @BeforeEach
    void startServer() {
        String name = InProcess.uniqueName();
        InProcess.startServer(cleanup, name, new OrderTrackingService(orders, stats));
        channel = InProcess.channel(cleanup, name);
    }

    @Test
    @DisplayName("stops producing at once when the client cancels after 5 updates")
    void stopsWhenClientCancels() {
        Orders.inTransit(orders, "order-1", 10_000);
        SlowReader reader = new SlowReader(5);
        OrderTrackingServiceGrpc.newStub(channel).streamOrderUpdates(StreamOrderUpdatesTest.request("order-1", 0), reader);
        await("Step 3: the reader's first 5 updates").until(() -> reader.receivedSoFar().size() == 5);

        reader.cancel();

        await("Step 3: the server's cancel handler runs after the client cancels")
                .until(() -> stats.cancelHandlerRuns() >= 1);
        await("Step 3: the stream releases its subscription to the order log")
                .untilAsserted(() -> assertThat(orders.subscriberCount("order-1"))
                        .as("Step 3: after the cancel, the stream must close its OrderLog subscription. See OrderStream.cancel.")
                        .isZero());
        long producedAtCancel = stats.updatesProduced();
        assertThat(producedAtCancel)
                .as("Step 3: the server stops producing at the cancel, a few updates after the 5 the client read")
                .isLessThanOrEqualTo(5 + StreamOrderUpdatesTest.MAX_BACKLOG);

        // New updates for the order must not wake the cancelled stream.
        for (int i = 0; i < 20; i++) {
            orders.append("order-1", OrderStatus.ORDER_STATUS_IN_TRANSIT, "after the cancel " + i);
        }
        await("Step 3: a cancelled stream produces nothing more")
                .during(Duration.ofMillis(200))
                .atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(stats.updatesProduced())
                        .as("Step 3: the server produced updates after the client cancelled. Does OrderStream.cancel stop"
                                + " the stream for good?")
                        .isEqualTo(producedAtCancel));
        assertThat(stats.cancelHandlerRuns())
                .as("Step 3: the cancel handler runs exactly once")
                .isEqualTo(1);
    }

    @Test
    @DisplayName("ends with DEADLINE_EXCEEDED and stops the server's stream")
    void endsAtTheDeadline() {
        orders.append("order-1", OrderStatus.ORDER_STATUS_PLACED, "placed");
        orders.append("order-1", OrderStatus.ORDER_STATUS_PAID, "paid");
        List<OrderUpdate> received = new ArrayList<>();

        Status status = Statuses.statusOf(
                () -> OrderTrackingServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                        .streamOrderUpdates(StreamOrderUpdatesTest.request("order-1", 0))
                        .forEachRemaining(received::add),
                "Step 3: a stream of an order that never ends must fail when the client's 300 ms deadline passes");

        assertThat(status.getCode()).as("Step 3: got %s", status).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(Orders.sequences(received)).as("Step 3: the updates before the deadline arrive").containsExactly(1L, 2L);
        await("Step 3: the server stops the stream when the deadline passes")
                .untilAsserted(() -> assertThat(orders.subscriberCount("order-1"))
                        .as("Step 3: the deadline cancels the call on the server too, so the stream must release its"
                                + " OrderLog subscription. See OrderStream.cancel.")
                        .isZero());
        assertThat(stats.cancelHandlerRuns()).as("Step 3: the cancel handler runs once").isEqualTo(1);
    }
}
