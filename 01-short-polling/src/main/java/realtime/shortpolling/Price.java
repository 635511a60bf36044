package realtime.shortpolling;

import java.math.BigDecimal;

/**
 * The latest price of one symbol, with the board version at which it last changed.
 *
 * @param symbol  the ticker symbol, such as {@code ACME}
 * @param price   the price in the board's currency
 * @param version the board version of the update that set this price
 */
public record Price(String symbol, BigDecimal price, long version) {
}
