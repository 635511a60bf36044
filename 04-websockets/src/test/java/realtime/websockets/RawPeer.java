package realtime.websockets;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A WebSocket peer written on a plain socket, for what a real client library hides: the HTTP
 * status of a rejected handshake, a peer that never replies to pings, and a peer that stops reading.
 * It writes masked frames, as RFC 6455 requires of a client, and reads the server's unmasked frames.
 */
final class RawPeer implements AutoCloseable {

    /** One frame from the server. */
    record Frame(int opcode, byte[] payload) {

        static final int TEXT = 1;
        static final int CLOSE = 8;
        static final int PING = 9;

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length < 2 ? CloseCodes.ABNORMAL : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        String closeReason() {
            return payload.length <= 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int status;
    private final String response;

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.response = readHead(in);
        this.status = Integer.parseInt(response.split(" ", 3)[1]);
    }

    /**
     * Sends an upgrade request for the target (path and query) and reads the response head.
     *
     * @param origin        the Origin header, or null to send none
     * @param receiveBuffer the socket's receive buffer in bytes, small to make a peer that stops reading fall behind soon
     */
    static RawPeer open(int port, String target, String origin, int receiveBuffer) {
        try {
            Socket socket = new Socket();
            socket.setReceiveBufferSize(receiveBuffer);
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            String request = "GET " + target + " HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + port + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new RawPeer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("Upgrade request to 127.0.0.1:" + port + target + " failed", e);
        }
    }

    static RawPeer open(int port, String target, String origin) {
        return open(port, target, origin, 64 * 1024);
    }

    /** Returns the HTTP status of the handshake response: 101 when the connection was upgraded. */
    int status() {
        return status;
    }

    /** Returns the status line and headers of the handshake response. */
    String response() {
        return response;
    }

    /** Reads the body of a rejected handshake, of the length its Content-Length header gives. */
    String readBody() {
        int length = response.lines()
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                .map(line -> Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()))
                .findFirst().orElse(0);
        try {
            return new String(in.readNBytes(length), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the response body failed", e);
        }
    }

    /** Reads the next frame; waits at most ten seconds. */
    Frame readFrame() {
        try {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[Math.toIntExact(length)];
            in.readFully(payload);
            return new Frame(first & 0x0f, payload);
        } catch (EOFException e) {
            return new Frame(Frame.CLOSE, new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException("Reading a frame failed", e);
        }
    }

    /** Reads frames until a close frame or the end of the stream, and returns it; counts the text frames on the way. */
    Frame readUntilClose(int[] textFrames) {
        while (true) {
            Frame frame = readFrame();
            if (frame.opcode() == Frame.CLOSE) {
                return frame;
            }
            if (frame.opcode() == Frame.TEXT) {
                textFrames[0]++;
            }
        }
    }

    void sendText(String text) {
        sendFrame(Frame.TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    void sendFrame(int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = {1, 2, 3, 4};
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        try {
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing a frame failed", e);
        }
    }

    /** Sends a close frame and waits for the server's, so the server sees a normal close, not a reset. */
    void closeHandshake() {
        sendFrame(Frame.CLOSE, new byte[] {0x03, (byte) 0xe8});
        readUntilClose(new int[1]);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int next = in.read();
            if (next < 0) {
                throw new EOFException("The server closed the connection before the end of the response head: " + head);
            }
            head.write(next);
            matched = next == end[matched] ? matched + 1 : (next == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
