package realtime.grpc;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the gRPC server on port 9005 with a few orders moving through their statuses. */
public final class OrderServerDemo {

    static final int PORT = 9005;

    private static final Logger log = LoggerFactory.getLogger(OrderServerDemo.class);

    private OrderServerDemo() {
    }

    public static void main(String[] args) throws InterruptedException {
        OrderLog orders = new OrderLog();
        OrderSimulator simulator = new OrderSimulator(orders, 3);
        OrderServer server = OrderServer.start(PORT, orders);
        simulator.start(700, TimeUnit.MILLISECONDS);

        // System.out, not the logger: under `mvnw -q` Maven's own logger hides INFO lines.
        System.out.println("gRPC server on localhost:" + PORT + ". Orders order-1, order-2 and order-3 are moving;"
                + " each delivered order is replaced by a new one (order-4, order-5, ...).");
        System.out.println("Tail one in another terminal: ./mvnw -pl 05-grpc-streaming exec:java"
                + " -Ddemo.main.class=realtime.grpc.TailOrderCommand -Dexec.args=order-1");
        System.out.println("Press Ctrl+C to stop.");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stop(server);
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    private static void stop(OrderServer server) {
        try {
            try {
                server.stopGracefully(Duration.ofSeconds(5));
            } catch (UnsupportedOperationException e) {
                log.warn("{}; stopping at once instead", e.getMessage());
                server.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
