package realtime.shortpolling;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The current price of every symbol, under a version that increases by one with every update.
 *
 * <p>A poll asks "what changed since version N?". The board keeps only the latest price of each
 * symbol, so memory stays bounded by the number of symbols: two updates of one symbol between
 * two polls reach the client as one change, its latest price. That is what a price board needs;
 * a feed where every event matters needs a log instead (module 02).
 *
 * <p>Thread-safe: the feed updates from its own thread while request threads read.
 */
public final class PriceBoard {

    private final Map<String, Price> latest = new HashMap<>();
    private long version;

    /** Sets a symbol's price and returns the new board version. */
    public synchronized long update(String symbol, BigDecimal price) {
        // >>> step 1: bump the version and store the price under it
        version++;
        latest.put(symbol, new Price(symbol, price, version));
        return version;
        // <<< step 1
    }

    /** The current version: 0 before the first update. */
    public synchronized long version() {
        return version;
    }

    /** Every symbol's latest price, oldest change first, with the current version. */
    public synchronized PriceChanges snapshot() {
        // >>> step 1: return every price, oldest change first, with the current version
        List<Price> prices = new ArrayList<>(latest.values());
        prices.sort(Comparator.comparingLong(Price::version));
        return new PriceChanges(version, 0, prices);
        // <<< step 1
    }

    /**
     * The prices that changed after {@code since}, oldest change first.
     *
     * @throws IllegalArgumentException if {@code since} is negative or ahead of the current version
     */
    public synchronized PriceChanges changesSince(long since) {
        if (since < 0 || since > version) {
            throw new IllegalArgumentException("since must be between 0 and " + version + ", got " + since);
        }
        // >>> step 2: return only the prices whose version is greater than since
        List<Price> changed = new ArrayList<>();
        for (Price price : latest.values()) {
            if (price.version() > since) {
                changed.add(price);
            }
        }
        changed.sort(Comparator.comparingLong(Price::version));
        return new PriceChanges(version, since, changed);
        // <<< step 2
    }
}
