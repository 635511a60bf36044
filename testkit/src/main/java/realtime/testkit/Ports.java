package realtime.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports on the loopback interface, for servers that cannot bind port 0 themselves. */
public final class Ports {

    private Ports() {
    }

    /**
     * Returns a port that was free a moment ago. Prefer binding port 0 and reading the bound port
     * back: another process may take this one before the caller binds it.
     */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on loopback", e);
        }
    }
}
