package realtime.longpolling;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Notices when the client of a held request closes its connection.
 *
 * <p>Jetty 12 does not read an HTTP/1.1 connection while its request is being handled, so a
 * client that leaves goes unnoticed until the server writes to it. A held poll writes nothing
 * for up to its whole timeout, so this class registers read interest with Jetty and is called
 * back when the socket becomes readable. For a client waiting on a long poll, that means the
 * client closed it.
 */
final class ClientDisconnects {

    /** A watch on one connection. Stop it before the response is written. */
    interface Watch {
        void stop();
    }

    private static final Watch NOT_WATCHED = () -> { };

    private ClientDisconnects() {
    }

    /**
     * Runs {@code onGone} once if the client closes the connection before {@link Watch#stop()}.
     * When the connection cannot be watched (not Jetty, or Jetty already reads it), returns a
     * watch that does nothing. The poll's timeout still ends such a wait.
     */
    static Watch watch(HttpServletRequest request, Runnable onGone) {
        EndPoint endPoint;
        try {
            endPoint = ServletContextRequest.getServletContextRequest(request)
                    .getConnectionMetaData().getConnection().getEndPoint();
        } catch (RuntimeException notJetty) {
            return NOT_WATCHED;
        }
        if (!(endPoint instanceof AbstractEndPoint watchable)) {
            return NOT_WATCHED;
        }
        ReadWatch watch = new ReadWatch(watchable, onGone);
        return watchable.tryFillInterested(watch) ? watch : NOT_WATCHED;
    }

    private static final class ReadWatch implements Callback, Watch {

        private final AbstractEndPoint endPoint;
        private final Runnable onGone;
        private final AtomicBoolean armed = new AtomicBoolean(true);

        ReadWatch(AbstractEndPoint endPoint, Runnable onGone) {
            this.endPoint = endPoint;
            this.onGone = onGone;
        }

        /** Jetty calls this when the socket is readable. */
        @Override
        public void succeeded() {
            int read;
            try {
                read = endPoint.fill(BufferUtil.allocate(1));
            } catch (IOException reset) {
                read = -1;
            }
            if (read == 0 && endPoint.tryFillInterested(this)) {
                return;
            }
            if (!armed.getAndSet(false)) {
                return;
            }
            if (read > 0) {
                // NOTE: the client sent the start of another request while it waited (HTTP
                // pipelining, which browsers do not use). That byte is now consumed, so the
                // connection cannot be reused: close it and end the poll.
                endPoint.close();
            }
            onGone.run();
        }

        /** Jetty calls this when the connection failed, or after {@link #stop()}. */
        @Override
        public void failed(Throwable failure) {
            if (armed.getAndSet(false)) {
                onGone.run();
            }
        }

        @Override
        public void stop() {
            // Withdraw the read interest: Jetty reads the next request itself once this response is sent.
            if (armed.getAndSet(false)) {
                endPoint.getFillInterest().onFail(new CancellationException("The poll completed"));
            }
        }
    }
}
