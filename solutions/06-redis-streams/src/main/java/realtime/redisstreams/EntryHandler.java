package realtime.redisstreams;

import redis.clients.jedis.resps.StreamEntry;

/**
 * A consumer's work on one stream entry. Returning normally means "done": the consumer then
 * acknowledges the entry. Throwing leaves it pending, so it is delivered again later.
 */
@FunctionalInterface
public interface EntryHandler {

    void handle(StreamEntry entry) throws Exception;
}
