package realtime.testkit;

/** What one run of the tests showed about one step of a lesson. */
final class StepResult {

    int passed;
    int failed;
    StepTodo todo;
    String firstFailure;

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
        if (todo == null && found != null) {
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
