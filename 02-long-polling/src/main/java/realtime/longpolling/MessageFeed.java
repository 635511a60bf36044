package realtime.longpolling;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The message feed that long polls read: publish a message, or poll for the messages after a
 * cursor. A poll with nothing to read waits, as a future, until the next publish or its timeout.
 */
public final class MessageFeed implements AutoCloseable {

    private final MessageLog log;
    private final WaitingPolls waiting;
    private final PollTimeout timeouts;
    private final int maxBatch;
    private final ScheduledThreadPoolExecutor timer;

    public MessageFeed(FeedSettings settings, Clock clock, RandomGenerator random) {
        this(settings, new MessageLog(clock, settings.logCapacity()), random);
    }

    /** Creates a feed over the given log, which keeps its own capacity: {@code settings.logCapacity()} is not used. */
    public MessageFeed(FeedSettings settings, MessageLog log, RandomGenerator random) {
        this.log = log;
        this.waiting = new WaitingPolls(settings.maxWaitingPolls(), settings.retryAfter());
        this.timeouts = new PollTimeout(settings.pollTimeout(), settings.timeoutJitter(), random);
        this.maxBatch = settings.maxBatch();

        // One thread fires every timeout. It only completes futures, so it does not fall behind.
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "poll-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        // A poll that ends early cancels its timeout, so remove the task now rather than 25 s later.
        timer.setRemoveOnCancelPolicy(true);
    }

    /** Appends a message and wakes every waiting poll. */
    public Message publish(String text) {
        // Append before waking: a poll that registers in between reads the log again and finds it.
        Message message = log.append(text);
        waiting.wakeAll();
        return message;
    }

    /**
     * Returns the messages after the cursor: at once when there are some, otherwise when the next
     * message is published, or empty when the timeout passes first. Cancelling the returned future
     * ends the wait.
     *
     * @throws TooManyWaitingPollsException when the poll would wait and too many already do
     */
    public CompletableFuture<PollResult> poll(long cursor) {
        PollResult ready = log.after(cursor, maxBatch);
        if (ready.hasMessages()) {
            return CompletableFuture.completedFuture(ready);
        }
        return waitForNext(cursor);
    }

    private CompletableFuture<PollResult> waitForNext(long cursor) {
        throw new UnsupportedOperationException("TODO step 3: wait for the next publish or the timeout, without holding a thread");
    }

    /** Returns the seq of the newest message, or 0 before the first one. */
    public long lastSeq() {
        return log.lastSeq();
    }

    /** Returns how many polls are waiting now. */
    public int waitingPolls() {
        return waiting.size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
