package realtime.redisstreams;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.SslOptions;

/**
 * Builds the pooled Jedis client that every class of this module shares.
 *
 * <p>Jedis reads the reply of an ordinary command with the socket timeout, and the reply of a
 * blocking command ({@code XREAD BLOCK}, {@code XREADGROUP BLOCK}) with the blocking socket
 * timeout. The second must be longer than the longest {@code BLOCK} the caller sends. Otherwise
 * the client gives up before Redis replies, and throws {@code SocketTimeoutException} instead of
 * returning "no entries". It must also be finite, so a read on a dead server ends one day.
 */
public final class RedisClients {

    /** Time to connect, and to wait for the reply of a command that does not block. */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);

    /** Extra time a blocking read waits beyond its BLOCK time for the reply to arrive. */
    public static final Duration BLOCKING_MARGIN = Duration.ofSeconds(2);

    private static final int DEFAULT_PORT = 6379;

    /** Connections in the pool: each tail or consumer that blocks holds one while it waits. */
    public static final int MAX_CONNECTIONS = 16;

    private RedisClients() {
    }

    /** Creates a pooled client for the server at {@code url} whose blocking reads send BLOCK of at most {@code maxBlock}. */
    public static RedisClient create(URI url, Duration maxBlock) {
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxIdle(MAX_CONNECTIONS);
        // Fail a borrow after a while rather than wait forever when every connection is blocked.
        pool.setMaxWait(SOCKET_TIMEOUT);

        return RedisClient.builder()
                .hostAndPort(url.getHost(), url.getPort() < 0 ? DEFAULT_PORT : url.getPort())
                .clientConfig(clientConfig(url, maxBlock))
                .poolConfig(pool)
                .build();
    }

    /** Builds the timeouts and credentials of {@link #create}, giving a blocking read {@code maxBlock} plus a margin. */
    public static JedisClientConfig clientConfig(URI url, Duration maxBlock) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(Math.toIntExact(SOCKET_TIMEOUT.toMillis()))
                .socketTimeoutMillis(Math.toIntExact(SOCKET_TIMEOUT.toMillis()))
                .blockingSocketTimeoutMillis(Math.toIntExact(maxBlock.plus(BLOCKING_MARGIN).toMillis()));
        // rediss:// means TLS, checked against the JVM's default trust store.
        if ("rediss".equals(url.getScheme())) {
            config.sslOptions(SslOptions.defaults());
        }

        // A URL may carry credentials and a database: redis://user:password@host:6379/2
        String userInfo = url.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                config.password(userInfo);
            } else {
                if (colon > 0) {
                    config.user(userInfo.substring(0, colon));
                }
                config.password(userInfo.substring(colon + 1));
            }
        }
        String path = url.getPath();
        if (path != null && path.length() > 1) {
            config.database(Integer.parseInt(path.substring(1)));
        }
        return config.build();
    }
}
