package realtime.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.grpc.api.GetOrderRequest;
import realtime.grpc.api.Order;
import realtime.grpc.api.OrderStatus;
import realtime.grpc.api.OrderTrackingServiceGrpc;
import realtime.grpc.api.OrderTrackingServiceGrpc.OrderTrackingServiceBlockingStub;
import realtime.testkit.Cleanup;

@Tag("step-1")
@DisplayName("Step 1 — Answer GetOrder and reject bad order ids")
class GetOrderTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final OrderLog orders = new OrderLog();
    private OrderTrackingServiceBlockingStub stub;

    @BeforeEach
    void startServer() {
        String name = InProcess.uniqueName();
        InProcess.startServer(cleanup, name, new OrderTrackingService(orders, new StreamStats()));
        ManagedChannel channel = InProcess.channel(cleanup, name);
        stub = OrderTrackingServiceGrpc.newBlockingStub(channel);
    }

    @Test
    @DisplayName("returns the order's latest status")
    void returnsLatestStatus() {
        orders.append("order-1", OrderStatus.ORDER_STATUS_PLACED, "placed");
        orders.append("order-1", OrderStatus.ORDER_STATUS_PAID, "paid");

        Order order = stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                .getOrder(GetOrderRequest.newBuilder().setOrderId("order-1").build());

        assertThat(order.getOrderId())
                .as("Step 1: the answer names the order asked for. See OrderTrackingService.getOrder.")
                .isEqualTo("order-1");
        assertThat(order.getStatus())
                .as("Step 1: order-1 was PLACED, then PAID, so GetOrder must answer its latest status. See OrderTrackingService.getOrder.")
                .isEqualTo(OrderStatus.ORDER_STATUS_PAID);
        assertThat(order.getLastSequence())
                .as("Step 1: last_sequence is the sequence of the latest update (2 updates so far)")
                .isEqualTo(2);
        assertThat(order.hasUpdatedAt())
                .as("Step 1: updated_at is the time of the latest update")
                .isTrue();
    }

    @Test
    @DisplayName("rejects an empty order id with INVALID_ARGUMENT")
    void rejectsEmptyOrderId() {
        Status status = Statuses.statusOf(
                () -> stub.withDeadlineAfter(5, TimeUnit.SECONDS).getOrder(GetOrderRequest.getDefaultInstance()),
                "Step 1: GetOrder with an empty order_id must fail with INVALID_ARGUMENT");

        assertThat(status.getCode())
                .as("Step 1: an empty order_id gets INVALID_ARGUMENT, got %s. See OrderTrackingService.latestUpdate.", status)
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription())
                .as("Step 1: the description names the field, so the caller knows what to fix")
                .contains("order_id");
    }

    @Test
    @DisplayName("answers NOT_FOUND for an unknown order")
    void answersNotFoundForUnknownOrder() {
        orders.append("order-1", OrderStatus.ORDER_STATUS_PLACED, "placed");

        Status status = Statuses.statusOf(
                () -> stub.withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getOrder(GetOrderRequest.newBuilder().setOrderId("order-404").build()),
                "Step 1: GetOrder for an order that does not exist must fail with NOT_FOUND");

        assertThat(status.getCode())
                .as("Step 1: an unknown order gets NOT_FOUND, got %s. See OrderTrackingService.latestUpdate.", status)
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription())
                .as("Step 1: the description names the order id that was not found")
                .contains("order-404");
    }
}
