package realtime.sse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes made-up stock prices as {@code price} events, one symbol per tick, for the demo. It
 * starts from the last prices in the stream's history, so a restarted demo continues its prices.
 */
public final class StockTicker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StockTicker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotificationStream stream;
    private final Map<String, BigDecimal> prices = new LinkedHashMap<>();
    private final List<String> symbols;
    private final Random random = new Random();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stock-ticker");
        thread.setDaemon(true);
        return thread;
    });

    public StockTicker(NotificationStream stream) {
        this.stream = stream;
        prices.put("ACME", new BigDecimal("120.00"));
        prices.put("GLOBEX", new BigDecimal("48.50"));
        prices.put("INITECH", new BigDecimal("7.25"));
        restoreLastPrices(stream.history().events());
        symbols = List.copyOf(prices.keySet());
    }

    /** Publishes one price every period until closed. */
    public void start(Duration period) {
        timer.scheduleAtFixedRate(this::tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void tick() {
        try {
            String symbol = symbols.get(random.nextInt(symbols.size()));
            // A random walk of at most 1% a tick, never below one cent.
            BigDecimal old = prices.get(symbol);
            double change = (random.nextDouble() - 0.5) * 0.02;
            BigDecimal price = old.multiply(BigDecimal.valueOf(1 + change)).setScale(2, RoundingMode.HALF_UP).max(new BigDecimal("0.01"));
            prices.put(symbol, price);
            String data = JSON.createObjectNode().put("symbol", symbol).put("price", price).toString();
            stream.publish("price", data);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again, so log and keep ticking.
            LOG.warn("Could not publish a price: {}", e.toString());
        }
    }

    private void restoreLastPrices(List<SseEvent> history) {
        for (SseEvent event : history) {
            if (!event.type().equals("price")) {
                continue;
            }
            try {
                JsonNode data = JSON.readTree(event.data());
                if (prices.containsKey(data.path("symbol").asText()) && data.path("price").isNumber()) {
                    prices.put(data.get("symbol").asText(), data.get("price").decimalValue());
                }
            } catch (IOException e) {
                LOG.warn("Skipping price event {} with unreadable data", event.id());
            }
        }
    }
}
