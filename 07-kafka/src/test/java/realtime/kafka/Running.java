package realtime.kafka;

/** Stops a wait early when a consumer's poll loop has died, and reports why. */
final class Running {

    private Running() {
    }

    /**
     * Throws when one of the consumers stopped with an error. Not an AssertionError on purpose:
     * Awaitility retries those until its timeout, but ends a wait at once on any other exception.
     */
    static void require(OrderEventConsumer... consumers) {
        for (OrderEventConsumer consumer : consumers) {
            Throwable failure = consumer.failure();
            if (failure != null) {
                throw new IllegalStateException("The consumer's poll loop stopped with " + failure
                        + ". See the consumer's log above for where.", failure);
            }
        }
    }

    /** Throws unless the consumer's poll loop ended with the crash that a test handler simulated. */
    static void requireSimulatedCrash(OrderEventConsumer consumer) {
        Throwable failure = consumer.failure();
        if (!(failure instanceof CrashingHandler.SimulatedCrash)) {
            throw new IllegalStateException("The consumer's poll loop must stop with the simulated crash, but it ended with "
                    + failure + ". See the consumer's log above for where.", failure);
        }
    }
}
