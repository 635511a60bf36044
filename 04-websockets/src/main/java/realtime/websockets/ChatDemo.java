package realtime.websockets;

import java.util.Set;

/**
 * Starts both chats for the browser: the page and the Javalin endpoint on 7004, the
 * Java-WebSocket endpoint on 7104. They share the rooms, so a tab on one server talks with a
 * tab on the other.
 */
public final class ChatDemo {

    static final int PAGE_PORT = 7004;
    static final int JAVA_WEBSOCKET_PORT = 7104;

    private ChatDemo() {
    }

    public static void main(String[] args) throws InterruptedException {
        ChatSettings settings = ChatSettings.defaults(Set.of("http://localhost:" + PAGE_PORT, "http://127.0.0.1:" + PAGE_PORT));
        Tokens tokens = Tokens.withRandomSecret();

        ChatRooms rooms = new ChatRooms(settings.historySize());

        ChatServer javaWebSocket = ChatServer.start("127.0.0.1", JAVA_WEBSOCKET_PORT, settings, tokens, rooms);
        JavalinChat javalin = JavalinChat.start("127.0.0.1", PAGE_PORT, settings, tokens, rooms, JAVA_WEBSOCKET_PORT);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            javalin.close();
            javaWebSocket.close();
        }));

        // Printed as well as logged: under `mvn -q exec:java`, Maven's own logger hides info lines.
        System.out.println("Chat endpoints: ws://localhost:" + PAGE_PORT + "/chat (Javalin) and ws://localhost:"
                + JAVA_WEBSOCKET_PORT + "/chat (Java-WebSocket)");
        System.out.println("Open http://localhost:" + PAGE_PORT + "/ in two browser tabs. Ctrl+C stops the demo.");
        Thread.currentThread().join();
    }
}
