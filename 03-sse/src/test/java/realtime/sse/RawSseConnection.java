package realtime.sse;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import realtime.testkit.StepTodo;

/**
 * A plain socket that sends one HTTP/1.1 GET and records every byte of the response as text, so a
 * test can check exactly what went over the wire: headers, line endings, comments.
 */
final class RawSseConnection implements AutoCloseable {

    private final Socket socket;
    private final StringBuilder received = new StringBuilder();
    private volatile boolean ended;

    private RawSseConnection(Socket socket) {
        this.socket = socket;
    }

    /** Sends {@code GET path} with the given header lines, such as "Last-Event-ID: 3". */
    static RawSseConnection open(int port, String path, String... headerLines) {
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
            for (String header : headerLines) {
                request.append(header).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            RawSseConnection connection = new RawSseConnection(socket);
            Thread reader = new Thread(connection::read, "raw-sse-reader");
            reader.setDaemon(true);
            reader.start();
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not connect to 127.0.0.1:" + port, e);
        }
    }

    /** Opens {@code GET /events} as an EventSource would, with the extra header lines. */
    static RawSseConnection events(int port, String... headerLines) {
        String[] all = new String[headerLines.length + 1];
        all[0] = "Accept: text/event-stream";
        System.arraycopy(headerLines, 0, all, 1, headerLines.length);
        return open(port, "/events", all);
    }

    /** Returns everything received so far, headers included. */
    String text() {
        synchronized (received) {
            return received.toString();
        }
    }

    /** Returns the status line and headers. */
    String head() {
        String text = text();
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? text : text.substring(0, end);
    }

    /** Returns the body received so far. */
    String body() {
        String text = text();
        int end = text.indexOf("\r\n\r\n");
        return end < 0 ? "" : text.substring(end + 4);
    }

    /** Waits until the body satisfies the condition, and returns it. */
    String awaitBody(String description, Predicate<String> condition) {
        await().alias(description).until(() -> {
            failOnTodo();
            return condition.test(body());
        });
        return body();
    }

    /** Waits until the body contains the text, and returns the body. */
    String awaitBodyContaining(String expected) {
        return awaitBody("body contains " + expected, body -> body.contains(expected));
    }

    boolean ended() {
        return ended;
    }

    /** Drops the connection without a goodbye: the server learns of it only when it writes. */
    void abort() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    // A 500 whose body names a TODO means the learner's exercise is not written yet.
    private void failOnTodo() {
        String text = text();
        if (text.startsWith("HTTP/1.1 500")) {
            StepTodo.find(text, null).ifPresent(todo -> {
                throw todo;
            });
        }
    }

    private void read() {
        char[] buffer = new char[4096];
        try (Reader reader = new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8)) {
            for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
                synchronized (received) {
                    received.append(buffer, 0, read);
                }
            }
        } catch (IOException e) {
            // The test closed the socket, or the server went away: both end the recording.
        } finally {
            ended = true;
        }
    }
}
