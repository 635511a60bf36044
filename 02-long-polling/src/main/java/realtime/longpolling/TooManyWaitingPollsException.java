package realtime.longpolling;

import java.time.Duration;

/** A poll arrived while the maximum number of polls were already waiting, so the server returns 503. */
public final class TooManyWaitingPollsException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyWaitingPollsException(int maxWaiting, Duration retryAfter) {
        super("Too many polls waiting (maximum " + maxWaiting + "); retry after " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
