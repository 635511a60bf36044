package realtime.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small HTTP client for tests. A {@code 500} whose body names a "TODO step N" becomes a
 * {@link StepTodo}, so a handler that is still an exercise reads as one, not as a server error.
 */
public final class Http {

    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {
    }

    /** The shared client: HTTP/1.1, five-second connect timeout. */
    public static HttpClient client() {
        return CLIENT;
    }

    /** Sends a GET with optional headers given as name, value, name, value. */
    public static HttpResponse<String> get(URI uri, String... headers) {
        return send(request(uri, headers).GET().build());
    }

    /** Sends a POST with a JSON body and optional headers given as name, value, name, value. */
    public static HttpResponse<String> postJson(URI uri, String json, String... headers) {
        HttpRequest request = request(uri, headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return send(request);
    }

    /** Sends a request and reads the whole body as text. */
    public static HttpResponse<String> send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + request.method() + " " + request.uri(), e);
        }
        if (response.statusCode() == 500) {
            StepTodo.find(response.body(), null).ifPresent(todo -> {
                throw todo;
            });
        }
        return response;
    }

    /** Starts a request builder with the default timeout and the given header pairs. */
    public static HttpRequest.Builder request(URI uri, String... headers) {
        if (headers.length % 2 != 0) {
            throw new IllegalArgumentException("Headers come in name, value pairs; got " + headers.length + " strings");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return builder;
    }
}
