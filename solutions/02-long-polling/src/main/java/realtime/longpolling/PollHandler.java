package realtime.longpolling;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code GET /messages?cursor=N}: the messages after the cursor, at once or when the next one is
 * published, and {@code 204} when the poll times out first. The request holds no thread while it
 * waits.
 */
final class PollHandler implements Handler {

    private final MessageFeed feed;

    PollHandler(MessageFeed feed) {
        this.feed = feed;
    }

    @Override
    public void handle(Context ctx) {
        long cursor = CursorParameter.parse(ctx.queryParam(CursorParameter.NAME), feed.lastSeq());
        CompletableFuture<PollResult> answer = feed.poll(cursor);
        if (answer.isDone()) {
            respond(ctx, answer.join());
            return;
        }

        ClientDisconnects.Watch watch = ClientDisconnects.watch(ctx.req(), () -> forgetPoll(answer));
        // Javalin keeps the request open, with no thread, until the returned future completes.
        ctx.future(() -> respondLater(ctx, answer, watch));
    }

    /** Ends the wait of a poll whose client closed the connection. */
    private static void forgetPoll(CompletableFuture<PollResult> answer) {
        // >>> step 5: end the wait of a poll whose client went away
        answer.cancel(false);
        // <<< step 5
    }

    /** Returns a future that completes once the poll's response is set, for Javalin to send. */
    private static CompletableFuture<Void> respondLater(Context ctx, CompletableFuture<PollResult> answer, ClientDisconnects.Watch watch) {
        CompletableFuture<Void> responseSet = new CompletableFuture<>();
        AtomicBoolean requestOpen = new AtomicBoolean(true);
        // Jetty ends the request itself when the connection fails or the server stops. After that
        // the response object is recycled, so nothing may be written to it: end the wait instead.
        ctx.req().getAsyncContext().addListener(new RequestEndListener(() -> {
            requestOpen.set(false);
            answer.cancel(false);
        }));

        answer.whenComplete((result, failure) -> {
            // Stop watching before the response is written: Jetty then reads the next request itself.
            watch.stop();
            if (!requestOpen.get()) {
                return;
            }
            // A cancelled poll gets no body, because its client closed the connection.
            if (failure == null) {
                respond(ctx, result);
            }
            responseSet.complete(null);
        });
        return responseSet;
    }

    private static void respond(Context ctx, PollResult result) {
        // Every response is about this client's cursor, so no cache may keep it for another client.
        ctx.header("Cache-Control", "no-store");
        if (result.hasMessages()) {
            ctx.json(result);
        } else {
            ctx.status(HttpStatus.NO_CONTENT);
        }
    }

    /** Runs an action once when the servlet container ends an asynchronous request by itself. */
    private static final class RequestEndListener implements AsyncListener {

        private final Runnable onEnd;

        RequestEndListener(Runnable onEnd) {
            this.onEnd = onEnd;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            onEnd.run();
        }

        @Override
        public void onError(AsyncEvent event) {
            onEnd.run();
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            onEnd.run();
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // Not restarted: a poll is started asynchronously once.
        }
    }
}
