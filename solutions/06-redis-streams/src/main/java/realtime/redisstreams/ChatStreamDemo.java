package realtime.redisstreams;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.RedisClient;

/**
 * Starts the chat demo on http://localhost:7006/ against {@code REDIS_URL}, or an embedded Redis
 * server when that variable is not set. Stop it with Ctrl+C.
 */
public final class ChatStreamDemo {

    static final int PORT = 7006;
    static final String CHAT_KEY = "chat:lobby";
    static final long CHAT_MAX_LENGTH = 1_000;
    static final Duration TAIL_BLOCK = Duration.ofSeconds(5);

    private ChatStreamDemo() {
    }

    public static void main(String[] args) throws Exception {
        URI url = DemoRedis.url();
        RedisClient redis = RedisClients.create(url, TAIL_BLOCK);
        ChatStream chat = new ChatStream(redis, CHAT_KEY, CHAT_MAX_LENGTH);
        ChatServer server = ChatServer.start(chat, redis, TAIL_BLOCK, PORT);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            redis.close();
        }, "chat-demo-stop"));
        // Printed as well as logged: `./mvnw -q` hides the INFO log of a program run by exec:java.
        System.out.println("Open http://localhost:" + PORT + "/ to chat; Redis at " + url.getHost() + ":" + url.getPort());
    }
}
