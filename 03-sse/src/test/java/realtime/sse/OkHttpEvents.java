package realtime.sse;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;
import okhttp3.sse.EventSources;
import realtime.testkit.StepTodo;

/**
 * Reads our server with OkHttp's SSE client, a third-party parser, and records what it delivers:
 * if OkHttp reads our stream correctly, other clients will too.
 */
final class OkHttpEvents extends EventSourceListener implements AutoCloseable {

    /** An event as OkHttp delivers it. */
    record Received(String id, String type, String data) {
    }

    // No read timeout, because a stream is quiet between events. OkHttp runs at most 5 calls per
    // host at once by default, and each open stream is a call.
    private static final OkHttpClient CLIENT = createClient();

    private final List<Received> events = new ArrayList<>();
    private volatile EventSource source;
    private volatile String failure;
    private volatile boolean open;

    private OkHttpEvents() {
    }

    /** Connects to the URI, with optional headers given as name, value, name, value. */
    static OkHttpEvents connect(URI uri, String... headers) {
        Request.Builder request = new Request.Builder().url(uri.toString());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        OkHttpEvents listener = new OkHttpEvents();
        listener.source = EventSources.createFactory(CLIENT).newEventSource(request.build(), listener);
        return listener;
    }

    private static OkHttpClient createClient() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(1_000);
        dispatcher.setMaxRequestsPerHost(1_000);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(0, TimeUnit.SECONDS)
                .build();
    }

    List<Received> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Waits until at least {@code count} events arrived and returns them all. */
    List<Received> awaitEvents(int count) {
        await().alias("OkHttp receives " + count + " events").until(() -> {
            failIfFailed();
            return events().size() >= count;
        });
        return events();
    }

    void awaitOpen() {
        await().alias("OkHttp opens the stream").until(() -> {
            failIfFailed();
            return open;
        });
    }

    /** Returns the failure OkHttp reported, such as a wrong status or content type, or null. */
    String failure() {
        return failure;
    }

    @Override
    public void onOpen(EventSource eventSource, Response response) {
        open = true;
    }

    @Override
    public void onEvent(EventSource eventSource, String id, String type, String data) {
        synchronized (events) {
            events.add(new Received(id, type, data));
        }
    }

    @Override
    public void onFailure(EventSource eventSource, Throwable error, Response response) {
        String body = "";
        if (response != null && response.body() != null) {
            try {
                body = response.body().string();
            } catch (IOException | IllegalStateException e) {
                body = "(body unreadable: " + e + ")";
            }
        }
        failure = (response == null ? "no response" : response.code() + " " + response.header("Content-Type")) + ": "
                + (error == null ? "" : error + " ") + body;
    }

    @Override
    public void close() {
        source.cancel();
    }

    private void failIfFailed() {
        String reported = failure;
        if (reported != null) {
            StepTodo.find(reported, null).ifPresent(todo -> {
                throw todo;
            });
            throw new AssertionError("OkHttp's SSE client failed: " + reported);
        }
    }
}
