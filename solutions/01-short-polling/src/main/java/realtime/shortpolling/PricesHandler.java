package realtime.shortpolling;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Map;

/** {@code GET /prices}: the board's changes since the client's version, or 304, 400 or 429. */
final class PricesHandler implements Handler {

    /** The header a client may send to be rate-limited on its own rather than by IP address. */
    static final String CLIENT_ID_HEADER = "X-Client-Id";

    private final PriceBoard board;
    private final PollRateLimiter limiter;

    PricesHandler(PriceBoard board, PollRateLimiter limiter) {
        this.board = board;
        this.limiter = limiter;
    }

    @Override
    public void handle(Context ctx) {
        long since = SinceParameter.parse(ctx.queryParam("since"), board.version());

        if (rejectedAsTooFrequent(ctx)) {
            return;
        }

        PriceChanges changes = since == 0 ? board.snapshot() : board.changesSince(since);
        String etag = EntityTags.of(changes.version());
        // no-cache lets a cache store the answer but makes it ask us again every time.
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", etag);

        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null && EntityTags.matches(ifNoneMatch, etag)) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        ctx.json(changes);
    }

    private boolean rejectedAsTooFrequent(Context ctx) {
        String clientId = ctx.header(CLIENT_ID_HEADER);
        if (clientId == null || clientId.isBlank()) {
            clientId = ctx.ip();
        }
        Duration wait = limiter.check(clientId, System.nanoTime());
        if (wait.isZero()) {
            return false;
        }

        // Retry-After takes whole seconds; round up so a client that obeys it is admitted.
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        ctx.status(HttpStatus.TOO_MANY_REQUESTS);
        ctx.header("Retry-After", String.valueOf(seconds));
        ctx.json(Map.of(
                "error", "too_many_requests",
                "message", "Poll at most once per interval; retry after " + seconds + " s",
                "retryAfterSeconds", seconds));
        return true;
    }
}
