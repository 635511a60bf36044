package realtime.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.grpc.api.OrderStatus;
import realtime.grpc.api.OrderTrackingServiceGrpc;
import realtime.grpc.api.OrderUpdate;
import realtime.grpc.api.StreamOrderUpdatesRequest;
import realtime.testkit.Cleanup;

@Tag("step-2")
@DisplayName("Step 2 — Stream an order's updates while the client is ready")
class StreamOrderUpdatesTest {

    /**
     * Maximum updates a slow reader may have waiting in buffers. In-process, the server is ready
     * only while the client has requested an update. A server that checks isReady therefore produces
     * only the updates the client requested, and one that ignores it produces the whole history.
     */
    static final int MAX_BACKLOG = 100;

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final Background background = cleanup.add(new Background());

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
    @DisplayName("streams every update in order, then ends after the terminal one")
    void streamsInOrderAndEnds() {
        Orders.delivered(orders, "order-1");

        List<OrderUpdate> updates = readAll(request("order-1", 0));

        assertThat(updates)
                .as("Step 2: order-1 has 5 updates ending with DELIVERED; the stream must send them all, oldest first,"
                        + " then end. See OrderStream.sendWhileReady.")
                .extracting(OrderUpdate::getStatus)
                .containsExactlyElementsOf(Orders.DELIVERED_JOURNEY);
        assertThat(Orders.sequences(updates)).as("Step 2: sequences 1 to 5, in order").containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(stats.streamsCompleted())
                .as("Step 2: the server completes the call after the terminal update")
                .isEqualTo(1);
    }

    @Test
    @DisplayName("streams only the updates after after_sequence")
    void streamsAfterSequence() {
        Orders.delivered(orders, "order-1");

        List<OrderUpdate> updates = readAll(request("order-1", 3));

        assertThat(Orders.sequences(updates))
                .as("Step 2: a client that has seen up to update 3 must get 4 and 5 only. Where does the stream start reading?")
                .containsExactly(4L, 5L);
    }

    @Test
    @DisplayName("sends updates that happen while the stream is open")
    void sendsLiveUpdates() {
        orders.append("order-1", OrderStatus.ORDER_STATUS_PLACED, "placed");
        List<OrderUpdate> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> reading = background.run(() -> {
            Iterator<OrderUpdate> stream = stub().streamOrderUpdates(request("order-1", 0));
            stream.forEachRemaining(received::add);
        });
        await("Step 2: the first update of order-1").until(() -> received.size() == 1 || reading.isDone());
        if (reading.isCompletedExceptionally()) {
            reading.join();
        }

        orders.append("order-1", OrderStatus.ORDER_STATUS_SHIPPED, "shipped");
        orders.append("order-1", OrderStatus.ORDER_STATUS_DELIVERED, "delivered");

        await("Step 2: the stream ends after the DELIVERED update appended while it was open."
                + " Does the stream send again when the order log grows?")
                .until(reading::isDone);
        reading.join();
        assertThat(Orders.sequences(received)).as("Step 2: updates 1, 2, 3 in order").containsExactly(1L, 2L, 3L);
    }

    @Test
    @DisplayName("delivers a long history to a reader that keeps up")
    void deliversLongHistory() {
        Orders.inTransit(orders, "order-1", 2_000);
        orders.append("order-1", OrderStatus.ORDER_STATUS_DELIVERED, "delivered");

        List<OrderUpdate> updates = readAll(request("order-1", 0));

        assertThat(updates)
                .as("Step 2: all 2002 updates must arrive. A stream that stops after the client's first few usually"
                        + " waits for an onReady handler that never sends.")
                .hasSize(2_002);
        assertThat(Orders.sequences(updates)).as("Step 2: in order, with no gaps").isEqualTo(Orders.range(1, 2_002));
    }

    @Test
    @DisplayName("keeps a slow reader's backlog bounded")
    void keepsSlowReaderBacklogBounded() {
        Orders.inTransit(orders, "order-1", 10_000);
        SlowReader reader = new SlowReader(5);
        OrderTrackingServiceGrpc.newStub(channel).streamOrderUpdates(request("order-1", 0), reader);
        cleanup.add(reader::cancel);

        await("Step 2: the slow reader's first 5 updates").until(() -> reader.receivedSoFar().size() == 5);

        // The reader requests nothing more, so whatever the server produces now waits in buffers.
        await("Step 2: a backlog that stays bounded while the client reads nothing")
                .during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(stats.updatesProduced() - reader.received.size())
                        .as("Step 2: the client has read 5 updates and asks for no more, so the server must stop"
                                + " producing; it produced %d. Does OrderStream.sendWhileReady check call.isReady()?",
                                stats.updatesProduced())
                        .isLessThanOrEqualTo(MAX_BACKLOG));
    }

    @Test
    @DisplayName("rejects bad input before streaming")
    void rejectsBadInput() {
        Orders.delivered(orders, "order-1");

        Status empty = Statuses.statusOf(() -> readAll(request("", 0)),
                "Step 2: a stream with an empty order_id must fail");
        Status unknown = Statuses.statusOf(() -> readAll(request("order-404", 0)),
                "Step 2: a stream of an unknown order must fail");
        Status negative = Statuses.statusOf(() -> readAll(request("order-1", -1)),
                "Step 2: a stream with a negative after_sequence must fail");

        assertThat(empty.getCode()).as("Step 2: empty order_id, got %s", empty).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(unknown.getCode()).as("Step 2: unknown order, got %s", unknown).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(negative.getCode()).as("Step 2: after_sequence -1, got %s", negative).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(negative.getDescription()).as("Step 2: the description names the field").contains("after_sequence");
    }

    private OrderTrackingServiceGrpc.OrderTrackingServiceBlockingStub stub() {
        return OrderTrackingServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private List<OrderUpdate> readAll(StreamOrderUpdatesRequest request) {
        List<OrderUpdate> updates = new ArrayList<>();
        stub().streamOrderUpdates(request).forEachRemaining(updates::add);
        return updates;
    }

    static StreamOrderUpdatesRequest request(String orderId, long afterSequence) {
        return StreamOrderUpdatesRequest.newBuilder().setOrderId(orderId).setAfterSequence(afterSequence).build();
    }
}
