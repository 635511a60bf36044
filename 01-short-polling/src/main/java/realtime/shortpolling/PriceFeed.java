package realtime.shortpolling;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** A simulated market: every tick, one random symbol moves by up to 1% of its price. */
public final class PriceFeed implements AutoCloseable {

    private static final List<String> SYMBOLS = List.of("ACME", "GLOBEX", "INITECH", "UMBRELLA", "WAYNE");

    private final PriceBoard board;
    // Only the ticker thread touches this after start().
    private final Map<String, BigDecimal> prices = new HashMap<>();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(task -> new Thread(task, "price-feed"));

    private PriceFeed(PriceBoard board) {
        this.board = board;
    }

    /** Sets an opening price for every symbol, then moves one price every {@code tick}. */
    public static PriceFeed start(PriceBoard board, Duration tick) {
        PriceFeed feed = new PriceFeed(board);
        for (String symbol : SYMBOLS) {
            BigDecimal opening = new BigDecimal("100.00");
            feed.prices.put(symbol, opening);
            board.update(symbol, opening);
        }
        feed.ticker.scheduleAtFixedRate(feed::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        return feed;
    }

    private void tick() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String symbol = SYMBOLS.get(random.nextInt(SYMBOLS.size()));
        BigDecimal current = prices.get(symbol);
        BigDecimal change = current.multiply(BigDecimal.valueOf(random.nextDouble(-0.01, 0.01)));
        BigDecimal next = current.add(change).setScale(2, RoundingMode.HALF_UP);
        prices.put(symbol, next);
        board.update(symbol, next);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
