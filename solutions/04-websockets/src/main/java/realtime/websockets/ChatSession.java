package realtime.websockets;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** One open connection of one user: its outbound queue, the rooms it joined and when it was last heard from. */
public final class ChatSession {

    private final String user;
    private final Connection connection;
    private final Outbox outbox;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean gone = new AtomicBoolean();
    private volatile long lastHeardNanos = System.nanoTime();

    public ChatSession(String user, Connection connection, int outboxLimit) {
        this.user = user;
        this.connection = connection;
        this.outbox = new Outbox(connection, outboxLimit, user);
    }

    public String user() {
        return user;
    }

    /** Queues a message for this client; safe from any thread. Returns false when it was dropped. */
    public boolean send(String text) {
        return outbox.send(text);
    }

    /** Records that the peer sent something: a message or a pong. */
    public void heard() {
        heardAt(System.nanoTime());
    }

    void heardAt(long nanos) {
        lastHeardNanos = nanos;
    }

    public long lastHeardNanos() {
        return lastHeardNanos;
    }

    public Connection connection() {
        return connection;
    }

    /** Returns the rooms this session is a member of, a set that {@link Room} keeps current. */
    Set<String> rooms() {
        return rooms;
    }

    /** Marks the session as gone; true only for the first caller, so leaving runs exactly once. */
    boolean markGone() {
        return gone.compareAndSet(false, true);
    }

    boolean isGone() {
        return gone.get();
    }

    @Override
    public String toString() {
        return "ChatSession[" + user + "]";
    }
}
