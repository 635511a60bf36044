package realtime.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.grpc.api.ChatEvent;
import realtime.grpc.api.Order;
import realtime.grpc.api.OrderStatus;
import realtime.grpc.api.OrderTrackingServiceGrpc;
import realtime.grpc.api.OrderUpdate;
import realtime.grpc.api.ReadingSummary;
import realtime.grpc.api.SensorReading;
import realtime.grpc.api.SensorServiceGrpc;
import realtime.testkit.Cleanup;

@Tag("step-7")
@DisplayName("Step 7 — Shut the server down gracefully")
class NettyServerTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final Background background = cleanup.add(new Background());

    private final OrderLog orders = new OrderLog();
    private OrderServer server;
    private ManagedChannel channel;

    @BeforeEach
    void startServer() {
        server = cleanup.add(OrderServer.start(0, orders));
        channel = OrderTrackingClient.connect(InetAddress.getLoopbackAddress().getHostAddress(), server.port());
        cleanup.add(() -> channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
    }

    @Test
    @DisplayName("serves all four call types over TCP")
    void servesEveryCallType() throws InterruptedException {
        Orders.delivered(orders, "order-1");
        OrderTrackingClient client = new OrderTrackingClient(channel, Duration.ofSeconds(5));

        Order order = client.getOrder("order-1");
        List<OrderUpdate> updates = new CopyOnWriteArrayList<>();
        client.follow("order-1", 0, Duration.ofSeconds(10), updates::add);
        ReadingSummary summary = recordTwoReadings();
        List<ChatEvent> chat = sayHello();

        assertThat(order.getStatus()).as("Step 7: unary GetOrder over Netty").isEqualTo(OrderStatus.ORDER_STATUS_DELIVERED);
        assertThat(Orders.sequences(updates)).as("Step 7: server streaming over Netty").containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(summary.getCount()).as("Step 7: client streaming over Netty").isEqualTo(2);
        assertThat(chat).as("Step 7: bidirectional streaming over Netty, through ChatClient")
                .extracting(event -> event.getAck().getClientMessageId())
                .containsExactly("alice-1");
    }

    @Test
    @DisplayName("reports SERVING for the server and each service")
    void reportsServing() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);

        for (String service : List.of("", "realtime.grpc.OrderTrackingService", "realtime.grpc.ChatService",
                "realtime.grpc.SensorService")) {
            HealthCheckResponse response = health.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.newBuilder().setService(service).build());
            assertThat(response.getStatus())
                    .as("Step 7: health of \"%s\". See the OrderServer constructor.", service)
                    .isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    @DisplayName("lets a stream in flight finish during a graceful shutdown")
    void letsStreamFinish() {
        orders.append("order-1", OrderStatus.ORDER_STATUS_PLACED, "placed");
        Collector<OrderUpdate> stream = new Collector<>();
        OrderTrackingServiceGrpc.newStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .streamOrderUpdates(StreamOrderUpdatesTest.request("order-1", 0), stream);
        await("Step 7: the stream's first update").until(() -> stream.valuesSoFar().size() == 1);

        CompletableFuture<Void> stopping = background.run(() -> server.stopGracefully(Duration.ofSeconds(20)));
        await("Step 7: after stopGracefully starts, a new call is refused")
                .untilAsserted(() -> assertThat(newCallStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        orders.append("order-1", OrderStatus.ORDER_STATUS_DELIVERED, "delivered");

        await("Step 7: the stream in flight completes normally").until(stream.done::isDone);
        assertThat(Statuses.statusOf(stream.error())).as("Step 7: the stream in flight must not fail").isNull();
        assertThat(Orders.sequences(stream.values)).as("Step 7: the stream got its last update during shutdown")
                .containsExactly(1L, 2L);
        await("Step 7: the server stops as soon as its last call ends, well before the 20 s grace period")
                .atMost(Duration.ofSeconds(5))
                .until(stopping::isDone);
        stopping.join();
    }

    @Test
    @DisplayName("reports NOT_SERVING, then cancels calls still open after the grace period")
    void cancelsAfterGrace() {
        orders.append("order-1", OrderStatus.ORDER_STATUS_PLACED, "placed");
        Collector<HealthCheckResponse> health = new Collector<>();
        HealthGrpc.newStub(channel).watch(HealthCheckRequest.getDefaultInstance(), health);
        Collector<OrderUpdate> stream = new Collector<>();
        OrderTrackingServiceGrpc.newStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .streamOrderUpdates(StreamOrderUpdatesTest.request("order-1", 0), stream);
        await("Step 7: the stream's first update and the first health status")
                .until(() -> stream.valuesSoFar().size() == 1 && health.valuesSoFar().size() == 1);

        CompletableFuture<Void> stopping = background.run(() -> server.stopGracefully(Duration.ofMillis(500)));

        await("Step 7: health watchers hear NOT_SERVING as soon as shutdown starts, so load balancers move away")
                .untilAsserted(() -> assertThat(health.values)
                        .extracting(HealthCheckResponse::getStatus)
                        .contains(ServingStatus.NOT_SERVING));
        await("Step 7: stopGracefully returns soon after the 500 ms grace period")
                .atMost(Duration.ofSeconds(5))
                .until(stopping::isDone);
        stopping.join();
        await("Step 7: the stream that never ended was cancelled by the shutdown").until(stream.done::isDone);
        assertThat(Statuses.statusOf(stream.error()))
                .as("Step 7: the open stream ends with an error status, not a normal completion")
                .isNotNull();
        // The handler runs on a gRPC executor, so it may come a moment after the server has terminated.
        await("Step 7: the stream's cancel handler runs")
                .untilAsserted(() -> assertThat(server.stats().cancelHandlerRuns())
                        .as("Step 7: runs of the open stream's cancel handler")
                        .isEqualTo(1));
    }

    private Status newCallStatus() {
        return Statuses.statusOf(
                () -> OrderTrackingServiceGrpc.newBlockingStub(channel).withDeadlineAfter(2, TimeUnit.SECONDS)
                        .getOrder(realtime.grpc.api.GetOrderRequest.newBuilder().setOrderId("order-1").build()),
                "Step 7: a new call after the shutdown started must be refused");
    }

    private ReadingSummary recordTwoReadings() {
        Collector<ReadingSummary> response = new Collector<>();
        StreamObserver<SensorReading> readings = SensorServiceGrpc.newStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .recordReadings(response);
        readings.onNext(SensorReading.newBuilder().setSensorId("truck-7").setCelsius(4.0).build());
        readings.onNext(SensorReading.newBuilder().setSensorId("truck-7").setCelsius(5.0).build());
        readings.onCompleted();
        response.done.join();
        return response.values.get(0);
    }

    private List<ChatEvent> sayHello() {
        List<ChatEvent> events = new CopyOnWriteArrayList<>();
        ChatClient alice = new ChatClient(channel, "alice", events::add);
        cleanup.add(alice);

        alice.say("hello");
        await("Step 7: the chat acknowledgement").until(() -> !events.isEmpty() || alice.ended().isDone());
        alice.close();

        await("Step 7: the chat call ends after alice leaves").until(alice.ended()::isDone);
        Status ended = alice.ended().join();
        if (ended.getCode() == Status.Code.UNIMPLEMENTED) {
            throw ended.asRuntimeException();
        }
        assertThat(ended.getCode()).as("Step 7: a clean leave ends the call with OK, got %s", ended).isEqualTo(Status.Code.OK);
        return events;
    }
}
