package realtime.longpolling;

import java.time.Duration;

/**
 * The knobs of the feed and its server. {@link #defaults()} gives production-like values, and tests
 * change one or two with the {@code with…} methods.
 *
 * @param pollTimeout how long a poll waits for a message before the server responds with 204
 * @param timeoutJitter how far each poll's timeout may move from {@code pollTimeout}, as a
 *     fraction: 0.2 is ±20%
 * @param maxWaitingPolls how many polls may wait at once. One more gets 503
 * @param retryAfter the wait that a 503's Retry-After header requests from a turned-away client, in whole seconds
 * @param maxBatch the maximum number of messages in one response. A client further behind polls again
 * @param maxBodyBytes the largest {@code POST /messages} body accepted; a larger one gets 413
 * @param logCapacity how many of the newest messages the server keeps
 * @param maxThreads the size of the server's request thread pool
 */
public record FeedSettings(
        Duration pollTimeout,
        double timeoutJitter,
        int maxWaitingPolls,
        Duration retryAfter,
        int maxBatch,
        int maxBodyBytes,
        int logCapacity,
        int maxThreads) {

    public static FeedSettings defaults() {
        return new FeedSettings(Duration.ofSeconds(25), 0.2, 10_000, Duration.ofSeconds(5), 100, 4096, 10_000, 64);
    }

    public FeedSettings withPollTimeout(Duration timeout) {
        return new FeedSettings(timeout, timeoutJitter, maxWaitingPolls, retryAfter, maxBatch, maxBodyBytes, logCapacity, maxThreads);
    }

    public FeedSettings withMaxWaitingPolls(int max) {
        return new FeedSettings(pollTimeout, timeoutJitter, max, retryAfter, maxBatch, maxBodyBytes, logCapacity, maxThreads);
    }

    public FeedSettings withMaxBodyBytes(int max) {
        return new FeedSettings(pollTimeout, timeoutJitter, maxWaitingPolls, retryAfter, maxBatch, max, logCapacity, maxThreads);
    }

    public FeedSettings withMaxThreads(int max) {
        return new FeedSettings(pollTimeout, timeoutJitter, maxWaitingPolls, retryAfter, maxBatch, maxBodyBytes, logCapacity, max);
    }
}
