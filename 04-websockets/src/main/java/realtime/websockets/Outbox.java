package realtime.websockets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound queue of one connection. Any thread may send; messages go out whole and in the
 * order the sends took place. The queue is bounded: a consumer that falls more than {@code limit}
 * messages behind is closed with {@link CloseCodes#SLOW_CONSUMER}, so a client that stops reading
 * costs the server at most {@code limit} messages of memory.
 */
final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Connection connection;
    private final int limit;
    private final String user;
    private boolean closed;

    Outbox(Connection connection, int limit, String user) {
        this.connection = connection;
        this.limit = limit;
        this.user = user;
    }

    /**
     * Queues one message. Returns false when the message was dropped: the connection is closed,
     * or this send found it too far behind and closed it.
     */
    synchronized boolean send(String text) {
        throw new UnsupportedOperationException("TODO step 2: send whole messages in order from any thread; close a consumer over the limit with 4001");
    }
}
