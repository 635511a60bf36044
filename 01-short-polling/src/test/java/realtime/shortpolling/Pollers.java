package realtime.shortpolling;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/** Builds pollers for tests and surfaces a TODO that a poll hit, instead of waiting it out. */
final class Pollers {

    private Pollers() {
    }

    /** A poller with a short backoff, collecting each change into {@code received}. */
    static PricePoller polling(URI prices, Duration interval, List<Price> received) {
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), RandomGenerator.getDefault());
        Consumer<Price> collect = received::add;
        return new PricePoller(prices, interval, backoff, collect);
    }

    static List<Price> received() {
        return new CopyOnWriteArrayList<>();
    }

    /** For Awaitility's failFast: rethrows the poller's last failure if it is an exercise left as a TODO. */
    static void failOnTodo(PricePoller poller) {
        RuntimeException failure = poller.lastFailure();
        if (failure instanceof UnsupportedOperationException) {
            throw failure;
        }
    }

    static String changes(long version, long since, String... prices) {
        return "{\"version\":" + version + ",\"since\":" + since + ",\"prices\":[" + String.join(",", prices) + "]}";
    }

    static String price(String symbol, String price, long version) {
        return "{\"symbol\":\"" + symbol + "\",\"price\":" + price + ",\"version\":" + version + "}";
    }
}
