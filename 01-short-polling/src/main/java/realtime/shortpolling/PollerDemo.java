package realtime.shortpolling;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls the demo board on localhost:7001 once a second, prints each change, and every ten seconds
 * prints the waste ratio: the share of requests that brought nothing. Start PriceBoardDemo first.
 */
public final class PollerDemo {

    public static void main(String[] args) throws InterruptedException {
        URI prices = URI.create("http://localhost:" + PriceBoardDemo.PORT + "/prices");
        PricePoller poller = PricePoller.create(prices, Duration.ofSeconds(1),
                price -> System.out.printf("v%d %s %s%n", price.version(), price.symbol(), price.price()));
        ScheduledExecutorService report = Executors.newSingleThreadScheduledExecutor();
        report.scheduleAtFixedRate(() -> System.out.println("-- " + poller.stats()), 10, 10, TimeUnit.SECONDS);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            report.shutdownNow();
            poller.close();
            System.out.println("-- " + poller.stats());
        }));
        poller.start();
        Thread.currentThread().join();
    }
}
