package realtime.redisstreams;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import realtime.testkit.Redis;
import redis.clients.jedis.RedisClient;

/**
 * A pooled client to the shared test server, plus the keys one test created, deleted when the
 * test ends so a real server at REDIS_URL is left as it was found.
 */
final class TestRedis implements AutoCloseable {

    /** The longest BLOCK any test sends. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(3);

    final RedisClient client;
    private final List<String> keys = new ArrayList<>();

    private TestRedis(RedisClient client) {
        this.client = client;
    }

    static TestRedis connect() {
        return new TestRedis(RedisClients.create(Redis.url(), MAX_BLOCK));
    }

    /** Returns a key no other test uses, and deletes it when the test ends. */
    synchronized String key(String prefix) {
        String key = Redis.uniqueKey("workbook-06:" + prefix);
        keys.add(key);
        return key;
    }

    @Override
    public synchronized void close() {
        try {
            if (!keys.isEmpty()) {
                client.del(keys.toArray(String[]::new));
            }
        } finally {
            client.close();
        }
    }
}
