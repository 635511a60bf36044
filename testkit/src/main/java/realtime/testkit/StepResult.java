package realtime.testkit;

import java.util.LinkedHashSet;
import java.util.Set;

/** The outcome of one lesson step's tests in one test run, or carried over from an earlier run. */
final class StepResult {

    private final int step;
    int passed;
    int failed;
    /** A TODO of this step that a test hit, else the first TODO of another step. */
    StepTodo todo;
    /** Where this step's own TODOs were thrown, in the order the tests hit them. */
    final Set<String> todoLocations = new LinkedHashSet<>();
    String firstFailure;
    /** True when this run did not run the step and the counts come from the previous run. */
    boolean fromEarlierRun;

    StepResult(int step) {
        this.step = step;
    }

    /** Tells whether the failures come from another step's TODO, so that step has to be done first. */
    boolean blockedByEarlierStep() {
        return todo != null && todo.step() != step;
    }

    boolean ran() {
        return passed + failed > 0;
    }

    boolean done() {
        return ran() && failed == 0;
    }

    void record(Throwable failure) {
        if (failure == null) {
            passed++;
            return;
        }
        failed++;
        StepTodo found = StepTodo.find(failure).orElse(null);
        if (found != null && (todo == null || (todo.step() != step && found.step() == step))) {
            todo = found;
        }
        if (found != null && found.step() == step && found.location() != null) {
            todoLocations.add(found.location());
        }
        if (firstFailure == null) {
            firstFailure = firstLine(found != null ? found.getMessage() : String.valueOf(failure.getMessage()));
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
