package realtime.longpolling;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code GET /messages?cursor=N}: the messages after the cursor, at once or when the next one is
 * published; {@code 204} when the poll times out first. The request holds no thread while it waits.
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

        // Stop watching before the response is written: Jetty then reads the next request itself.
        ClientDisconnects.Watch watch = answer.isDone()
                ? () -> { }
                : ClientDisconnects.watch(ctx.req(), () -> forgetPoll(answer));
        CompletableFuture<PollResult> unwatched = answer.whenComplete((result, failure) -> watch.stop());

        // Javalin keeps the request open, with no thread, until this future completes.
        ctx.future(() -> unwatched.handle((result, failure) -> {
            respond(ctx, result, failure);
            return null;
        }));
    }

    /** Ends the wait of a poll whose client closed the connection. */
    private static void forgetPoll(CompletableFuture<PollResult> answer) {
        throw new UnsupportedOperationException("TODO step 5: end the wait of a poll whose client went away");
    }

    private static void respond(Context ctx, PollResult result, Throwable failure) {
        if (failure instanceof CompletionException wrapper && wrapper.getCause() != null) {
            failure = wrapper.getCause();
        }
        if (failure instanceof CancellationException) {
            return; // The client left; there is nobody to answer.
        }
        if (failure != null) {
            throw new IllegalStateException("Poll failed: " + failure.getMessage(), failure);
        }
        // Every answer is about this client's cursor: no cache may keep it for another.
        ctx.header("Cache-Control", "no-store");
        if (result.hasMessages()) {
            ctx.json(result);
        } else {
            ctx.status(HttpStatus.NO_CONTENT);
        }
    }
}
