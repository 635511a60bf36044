package realtime.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import realtime.grpc.api.OrderStatus;
import realtime.grpc.api.OrderUpdate;
import realtime.grpc.api.StreamOrderUpdatesRequest;
import realtime.testkit.Cleanup;

@Tag("step-6")
@DisplayName("Step 6 — Resume an order stream after a disconnect")
class ResumeTest {

    @RegisterExtension
    final Cleanup cleanup = new Cleanup();

    private final Background background = cleanup.add(new Background());

    private final OrderLog orders = new OrderLog();
    private final StreamStats stats = new StreamStats();
    private final RequestRecorder requests = new RequestRecorder();
    private final String name = InProcess.uniqueName();
    private Server server;
    private OrderTrackingClient client;

    @BeforeEach
    void startServer() {
        server = startServerNamed();
        ManagedChannel channel = InProcess.channel(cleanup, name);
        client = new OrderTrackingClient(channel, Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("follows an order to its terminal update")
    void followsToTheEnd() throws InterruptedException {
        Orders.delivered(orders, "order-1");
        List<OrderUpdate> received = new CopyOnWriteArrayList<>();

        long last = client.follow("order-1", 0, Duration.ofSeconds(10), received::add);

        assertThat(Orders.sequences(received)).as("Step 6: every update, in order. See OrderTrackingClient.follow.")
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(last).as("Step 6: follow returns the sequence of the terminal update").isEqualTo(5);
    }

    @Test
    @DisplayName("resumes after a disconnect from the last update seen")
    void resumesAfterDisconnect() throws Exception {
        Orders.inTransit(orders, "order-1", 8);
        orders.append("order-1", OrderStatus.ORDER_STATUS_DELIVERED, "delivered");
        List<OrderUpdate> received = new CopyOnWriteArrayList<>();
        CountDownLatch serverRestarted = new CountDownLatch(1);
        CompletableFuture<Long> following = background.call(() -> client.follow("order-1", 0, Duration.ofSeconds(20), update -> {
            received.add(update);
            // Hold the client on update 3 while the test restarts the server under it.
            if (update.getSequence() == 3) {
                awaitLatch(serverRestarted);
            }
        }));
        await("Step 6: the client has update 3").until(() -> received.size() >= 3 || following.isDone());
        if (following.isCompletedExceptionally()) {
            following.join();
        }

        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server = startServerNamed();
        serverRestarted.countDown();

        long last = following.get(10, TimeUnit.SECONDS);
        assertThat(Orders.sequences(received))
                .as("Step 6: after the disconnect the client must see every update once: no gap, no repeat."
                        + " Does OrderTrackingClient.follow open a new stream after UNAVAILABLE, from the last update seen?")
                .isEqualTo(Orders.range(1, 10));
        assertThat(last).isEqualTo(10);
        assertThat(requests.afterSequences)
                .as("Step 6: one stream from the start, then one resumed stream")
                .hasSize(2)
                .first().isEqualTo(0L);
        assertThat(requests.afterSequences.get(1))
                .as("Step 6: the resumed stream starts after the last update seen, and the client had seen at least"
                        + " update 3 when the server went away")
                .isBetween(3L, 9L);
    }

    @Test
    @DisplayName("resumes after the server resets the stream")
    void resumesAfterReset() throws Exception {
        String resettingName = InProcess.uniqueName();
        RequestRecorder resettingRequests = new RequestRecorder();
        InProcess.startServer(cleanup, resettingName, List.of(new ResetFirstStream(3), resettingRequests),
                new OrderTrackingService(orders, stats));
        OrderTrackingClient resettingClient =
                new OrderTrackingClient(InProcess.channel(cleanup, resettingName), Duration.ofSeconds(5));
        Orders.inTransit(orders, "order-1", 8);
        orders.append("order-1", OrderStatus.ORDER_STATUS_DELIVERED, "delivered");
        List<OrderUpdate> received = new CopyOnWriteArrayList<>();

        long last = resettingClient.follow("order-1", 0, Duration.ofSeconds(10), received::add);

        assertThat(Orders.sequences(received))
                .as("Step 6: the server reset the first stream with CANCELLED after 3 updates; the client did not"
                        + " cancel, so it must resume after update 3. See OrderTrackingClient.isDisconnect.")
                .isEqualTo(Orders.range(1, 10));
        assertThat(last).isEqualTo(10);
        assertThat(resettingRequests.afterSequences).as("Step 6: after_sequence of each request").containsExactly(0L, 3L);
    }

    @Test
    @DisplayName("does not retry an error other than UNAVAILABLE")
    void doesNotRetryNotFound() {
        Status status = Statuses.statusOf(
                () -> client.follow("order-404", 0, Duration.ofSeconds(10), update -> { }),
                "Step 6: following an unknown order must fail with NOT_FOUND");

        assertThat(status.getCode()).as("Step 6: got %s", status).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(requests.afterSequences)
                .as("Step 6: NOT_FOUND will not change by asking again, so the client must not retry it")
                .hasSize(1);
    }

    @Test
    @DisplayName("gives up with DEADLINE_EXCEEDED when its time runs out")
    void givesUpAtDeadline() {
        orders.append("order-1", OrderStatus.ORDER_STATUS_PLACED, "placed");

        CompletableFuture<Long> following = background.call(() -> client.follow("order-1", 0, Duration.ofMillis(300), update -> { }));

        Status status = Statuses.statusOf(
                () -> awaitOutcome(following),
                "Step 6: following an order that does not end within maxWait must fail");

        assertThat(status.getCode())
                .as("Step 6: got %s. Every stream follow opens must carry the deadline.", status)
                .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }

    private Server startServerNamed() {
        return InProcess.startServer(cleanup, name, List.of(requests), new OrderTrackingService(orders, stats));
    }

    /** Returns the follow's result, or fails when it is still running after 10 s: its stream has no deadline. */
    private static long awaitOutcome(CompletableFuture<Long> following) throws Exception {
        try {
            return following.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("Step 6: follow with a maxWait of 300 ms was still running after 10 s."
                    + " Does every stream it opens carry the deadline (stub.withDeadline)?", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Resets the first call with CANCELLED after it has sent {@code limit} messages, as a server
     * that shuts down does to its open streams. Later messages of that call go nowhere.
     */
    private static final class ResetFirstStream implements ServerInterceptor {

        private final int limit;
        private final AtomicBoolean used = new AtomicBoolean();

        ResetFirstStream(int limit) {
            this.limit = limit;
        }

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            if (used.getAndSet(true)) {
                return next.startCall(call, headers);
            }
            ServerCall<Q, R> resetting = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
                private int sent;
                private boolean reset;

                @Override
                public synchronized void sendMessage(R message) {
                    if (reset) {
                        return;
                    }
                    super.sendMessage(message);
                    if (++sent == limit) {
                        reset = true;
                        super.close(Status.CANCELLED.withDescription("stream reset by the test server"), new Metadata());
                    }
                }

                @Override
                public synchronized boolean isReady() {
                    return !reset && super.isReady();
                }

                @Override
                public synchronized void close(Status status, Metadata trailers) {
                    if (!reset) {
                        super.close(status, trailers);
                    }
                }
            };
            return next.startCall(resetting, headers);
        }
    }

    /** Records the after_sequence of every StreamOrderUpdates request the server receives. */
    private static final class RequestRecorder implements ServerInterceptor {

        final List<Long> afterSequences = new CopyOnWriteArrayList<>();

        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
                @Override
                public void onMessage(Q message) {
                    if (message instanceof StreamOrderUpdatesRequest request) {
                        afterSequences.add(request.getAfterSequence());
                    }
                    super.onMessage(message);
                }
            };
        }
    }
}
