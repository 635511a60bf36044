package realtime.longpolling;

import java.util.concurrent.CountDownLatch;

/** Starts the message feed on port 7002 for the demo page; stop it with Ctrl+C. */
public final class MessageFeedDemo {

    public static final int PORT = 7002;

    private MessageFeedDemo() {
    }

    public static void main(String[] args) throws InterruptedException {
        MessageServer server = MessageServer.start(FeedSettings.defaults(), PORT);
        server.feed().publish("Welcome! Open this page in two tabs and send a message from one.");
        // Printed as well as logged: Maven's -q hides the log of a program run with exec:java.
        System.out.println("Message feed demo: open http://localhost:" + PORT + "/ (Ctrl+C stops it)");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
        new CountDownLatch(1).await();
    }
}
