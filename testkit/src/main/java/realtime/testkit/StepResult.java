package realtime.testkit;

/** The outcome of one lesson step's tests in one test run. */
final class StepResult {

    private final int step;
    int passed;
    int failed;
    /** A TODO of this step that a test hit, else the first TODO of another step. */
    StepTodo todo;
    String firstFailure;

    StepResult(int step) {
        this.step = step;
    }

    /** True when the failures come from another step's TODO: that step has to be done first. */
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
        if (firstFailure == null) {
            firstFailure = firstLine(found != null ? found.getMessage() : String.valueOf(failure.getMessage()));
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }
}
