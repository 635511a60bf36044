package realtime.sse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A loopback HTTP server that responds to each connection with the next scripted text, byte for byte,
 * so a test controls exactly where a stream breaks off. It records each request's headers and
 * when it arrived.
 */
final class ScriptedSseServer implements AutoCloseable {

    /** The scripted response of one connection: the raw text, and whether to keep the socket open after it. */
    record Answer(String response, boolean keepOpen) {
    }

    /** A request as the server saw it; header names are lower case. */
    record Request(Map<String, String> headers, long receivedNanos) {
    }

    static final String STREAM_HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n";

    private final ServerSocket serverSocket;
    private final List<Answer> script;
    private final List<Request> requests = new ArrayList<>();
    private final List<Long> closedNanos = new ArrayList<>();
    private final List<Socket> openSockets = new ArrayList<>();

    private ScriptedSseServer(List<Answer> script) throws IOException {
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        Thread acceptor = new Thread(this::acceptLoop, "scripted-sse-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server. Connection n gets answer n, and later connections get the last one. */
    static ScriptedSseServer start(Answer... answers) {
        try {
            return new ScriptedSseServer(List.of(answers));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Answer streamThenClose(String body) {
        return new Answer(STREAM_HEAD + body, false);
    }

    static Answer streamAndStay(String body) {
        return new Answer(STREAM_HEAD + body, true);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + "/events");
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Returns when the server closed each connection it did not keep open, in order. */
    synchronized List<Long> closedNanos() {
        return List.copyOf(closedNanos);
    }

    @Override
    public synchronized void close() throws IOException {
        serverSocket.close();
        for (Socket socket : openSockets) {
            socket.close();
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                answer(socket);
            } catch (IOException e) {
                // The test closed the server, or a client went away mid-answer: either way, go on.
            }
        }
    }

    private void answer(Socket socket) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null && !line.isEmpty(); line = reader.readLine()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        Answer answer;
        synchronized (this) {
            requests.add(new Request(headers, System.nanoTime()));
            answer = script.get(Math.min(requests.size(), script.size()) - 1);
        }
        OutputStream out = socket.getOutputStream();
        out.write(answer.response().getBytes(StandardCharsets.UTF_8));
        out.flush();
        synchronized (this) {
            if (answer.keepOpen()) {
                openSockets.add(socket);
                return;
            }
            socket.close();
            closedNanos.add(System.nanoTime());
        }
    }
}
