package realtime.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Turns an exercise's {@code UnsupportedOperationException("TODO step N: ...")}, or any failure
 * whose message carries that marker, into a one-line {@link StepTodo} with no stack trace.
 * Registered for every module through JUnit's extension auto-detection.
 */
public final class TodoReporter implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        throw StepTodo.find(error).map(Throwable.class::cast).orElse(error);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        throw StepTodo.find(error).map(Throwable.class::cast).orElse(error);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable error) throws Throwable {
        throw StepTodo.find(error).map(Throwable.class::cast).orElse(error);
    }
}
