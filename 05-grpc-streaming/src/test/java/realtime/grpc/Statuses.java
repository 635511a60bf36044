package realtime.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Reads the gRPC status a call ended with. */
final class Statuses {

    private Statuses() {
    }

    /**
     * Runs a call that must fail and returns its status.
     *
     * @param expectation what the call should have done, for the failure message
     */
    static Status statusOf(ThrowingCallable call, String expectation) {
        try {
            call.call();
        } catch (StatusRuntimeException e) {
            return expected(e);
        } catch (Throwable e) {
            throw new AssertionError(expectation + ", but it threw " + e, e);
        }
        throw new AssertionError(expectation + ", but the call succeeded");
    }

    /** Returns the status of a failure, or null when it is not a gRPC failure. */
    static Status statusOf(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StatusRuntimeException e) {
                return expected(e);
            }
        }
        return null;
    }

    // UNIMPLEMENTED is what TodoInterceptor sends for an exercise still to do: rethrown, the testkit
    // reports it as "Step N is still a TODO" instead of a wrong status code.
    private static Status expected(StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
            throw e;
        }
        return e.getStatus();
    }
}
