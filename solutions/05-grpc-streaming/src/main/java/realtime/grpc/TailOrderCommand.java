package realtime.grpc;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import realtime.grpc.api.Order;
import realtime.grpc.api.OrderStatus;

/**
 * Command-line client: prints one order's updates as they happen, until it is delivered or
 * cancelled. Arguments: an order id, then optionally a port (default 9005).
 */
public final class TailOrderCommand {

    private TailOrderCommand() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("Usage: TailOrderCommand ORDER_ID [PORT]   for example: TailOrderCommand order-1 9005");
            System.exit(2);
        }
        String orderId = args[0];
        int port = args.length == 2 ? Integer.parseInt(args[1]) : OrderServerDemo.PORT;

        ManagedChannel channel = OrderTrackingClient.connect("localhost", port);
        try {
            OrderTrackingClient client = new OrderTrackingClient(channel, Duration.ofSeconds(5));
            Order order = client.getOrder(orderId);
            System.out.printf("%s is %s after update %d; following it (Ctrl+C to stop)%n",
                    orderId, shortName(order.getStatus()), order.getLastSequence());

            client.follow(orderId, 0, Duration.ofMinutes(10), update -> System.out.printf("#%d %-16s %s%n",
                    update.getSequence(), shortName(update.getStatus()), update.getDetail()));
            System.out.println(orderId + " reached its final status");
        } catch (StatusRuntimeException e) {
            System.err.println("Failed: " + e.getStatus().getCode() + ": " + e.getStatus().getDescription());
            System.exit(1);
        } finally {
            channel.shutdownNow();
            channel.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static String shortName(OrderStatus status) {
        return status.name().replace("ORDER_STATUS_", "");
    }
}
