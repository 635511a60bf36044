package realtime.shortpolling;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the price board on port 7001 with a simulated feed, for the demo page at
 * http://localhost:7001/. Stop it with Ctrl+C.
 */
public final class PriceBoardDemo {

    static final int PORT = 7001;

    public static void main(String[] args) throws InterruptedException {
        PriceBoard board = new PriceBoard();
        PriceFeed feed = PriceFeed.start(board, Duration.ofSeconds(5));
        // The page polls once a second; a client that polls more often than twice a second gets 429.
        PollRateLimiter limiter = new PollRateLimiter(Duration.ofMillis(500), 10_000);
        PriceServer server = PriceServer.start(board, limiter, PORT);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            feed.close();
            server.close();
        }));
        System.out.println("Open http://localhost:" + PORT + "/ to watch the board, or poll it: curl -i localhost:" + PORT + "/prices");
        new CountDownLatch(1).await();
    }
}
