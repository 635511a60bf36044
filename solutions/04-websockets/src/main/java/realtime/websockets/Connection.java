package realtime.websockets;

/**
 * One WebSocket connection as the chat core uses it, whatever library carries it. Each server
 * adapts its library's connection to this interface.
 */
public interface Connection {

    /**
     * Hands a text message to the library for sending. Returns false, and does not throw, when the
     * connection is already closed.
     */
    boolean write(String text);

    /** How many messages were handed to the library but are not yet written to the socket. */
    int unwritten();

    /** Starts the closing handshake: sends a close frame with this code and reason. */
    void close(int code, String reason);

    /** Ends the TCP connection at once, with no close frame, for a peer that no longer responds. */
    void abort(String reason);

    /** Sends a ping frame, to which the peer replies with a pong. */
    void ping();
}
