package realtime.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on loopback that replies from a script, for testing clients: each request gets
 * the next scripted response, then the fallback once the script runs out. It records every request.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    /** One scripted response. Headers come as name, value, name, value. */
    public record Response(int status, String body, List<String> headers) {
    }

    /** One request the server received, with {@link System#nanoTime()} at its arrival. */
    public record RecordedRequest(long receivedNanos, String method, URI uri, Map<String, List<String>> headers) {

        /** Returns the first value of a header, or null. Names are matched ignoring case. */
        public String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Queue<Response> script = new ConcurrentLinkedQueue<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Response fallback = new Response(404, "{\"error\":\"the test script has no more responses\"}", List.of());

    private ScriptedHttpServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts on 127.0.0.1 on a free port. */
    public static ScriptedHttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            ExecutorService executor = Executors.newFixedThreadPool(4, task -> new Thread(task, "scripted-http-server"));
            ScriptedHttpServer scripted = new ScriptedHttpServer(server, executor);
            server.createContext("/", scripted::answer);
            server.setExecutor(executor);
            server.start();
            return scripted;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the scripted HTTP server on loopback", e);
        }
    }

    /** Adds a response to the end of the script. */
    public ScriptedHttpServer enqueue(int status, String body, String... headers) {
        script.add(new Response(status, body, List.of(headers)));
        return this;
    }

    /** Sets the response for every request after the script runs out. */
    public ScriptedHttpServer otherwise(int status, String body, String... headers) {
        fallback = new Response(status, body, List.of(headers));
        return this;
    }

    /** Returns every request received so far, oldest first. */
    public List<RecordedRequest> requests() {
        return new ArrayList<>(requests);
    }

    /** Returns the address of a path on this server. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.add(new RecordedRequest(System.nanoTime(), exchange.getRequestMethod(), exchange.getRequestURI(),
                Map.copyOf(exchange.getRequestHeaders())));
        Response response = script.poll();
        if (response == null) {
            response = fallback;
        }
        for (int i = 0; i + 1 < response.headers().size(); i += 2) {
            exchange.getResponseHeaders().add(response.headers().get(i), response.headers().get(i + 1));
        }
        byte[] body = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
        boolean noBody = body.length == 0 || response.status() == 204 || response.status() == 304;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
