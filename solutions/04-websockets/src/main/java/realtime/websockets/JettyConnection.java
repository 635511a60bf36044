package realtime.websockets;

import io.javalin.websocket.WsContext;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;

/** A Javalin (Jetty) connection seen through {@link Connection}. */
final class JettyConnection implements Connection {

    private final WsContext context;
    private final AtomicInteger unwritten = new AtomicInteger();

    JettyConnection(WsContext context) {
        this.context = context;
    }

    @Override
    public boolean write(String text) {
        if (!context.session.isOpen()) {
            return false;
        }
        // Jetty sends asynchronously and calls back once the frame is written or has failed,
        // so counting the callbacks still due gives the messages not yet written.
        unwritten.incrementAndGet();
        context.session.sendText(text, Callback.from(unwritten::decrementAndGet, failure -> unwritten.decrementAndGet()));
        return true;
    }

    @Override
    public int unwritten() {
        return unwritten.get();
    }

    @Override
    public void close(int code, String reason) {
        context.closeSession(code, reason);
    }

    @Override
    public void abort(String reason) {
        context.session.disconnect();
    }

    @Override
    public void ping() {
        if (context.session.isOpen()) {
            context.sendPing();
        }
    }
}
