package realtime.websockets;

import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

/** A Java-WebSocket connection seen through {@link Connection}. */
final class JavaWebSocketConnection implements Connection {

    private final WebSocket socket;

    JavaWebSocketConnection(WebSocket socket) {
        this.socket = socket;
    }

    @Override
    public boolean write(String text) {
        // send() frames the text and appends it to the library's outbound queue, under the
        // library's own lock; it throws once the connection is closing.
        try {
            socket.send(text);
            return true;
        } catch (WebsocketNotConnectedException e) {
            return false;
        }
    }

    @Override
    public int unwritten() {
        // The library's outbound queue contains one buffer per frame not yet written to the socket,
        // and it never bounds it. Unfragmented text is one frame, so this counts messages
        // (plus the odd ping). WebSocketImpl is the only WebSocket implementation of Java-WebSocket 1.6.0.
        return ((WebSocketImpl) socket).outQueue.size();
    }

    @Override
    public void close(int code, String reason) {
        socket.close(code, reason);
    }

    @Override
    public void abort(String reason) {
        socket.closeConnection(CloseCodes.ABNORMAL, reason);
    }

    @Override
    public void ping() {
        try {
            socket.sendPing();
        } catch (WebsocketNotConnectedException e) {
            // Closing already: its close handling takes it out of the heartbeat's list.
        }
    }
}
