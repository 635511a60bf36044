package realtime.shortpolling;

import java.util.List;

/**
 * The body of {@code GET /prices}: the prices that changed after {@code since}, oldest change
 * first, and the board version they bring the client up to.
 *
 * @param version the board version after these changes; send it back as {@code since}
 * @param since   the version the client already had; 0 for a full snapshot
 * @param prices  one entry per symbol that changed, ordered by {@link Price#version()}
 */
public record PriceChanges(long version, long since, List<Price> prices) {
}
