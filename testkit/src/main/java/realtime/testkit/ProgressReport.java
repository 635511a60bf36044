package realtime.testkit;

import java.util.Map;
import java.util.TreeSet;

/** Formats the end-of-run progress block that a learner reads after each test run. */
final class ProgressReport {

    private static final String RULE = "-".repeat(72);

    private ProgressReport() {
    }

    static String format(String module, boolean solution, Map<Integer, String> titles, Map<Integer, StepResult> results) {
        TreeSet<Integer> steps = new TreeSet<>(titles.keySet());
        steps.addAll(results.keySet());
        long done = steps.stream().filter(step -> results.containsKey(step) && results.get(step).done()).count();

        StringBuilder out = new StringBuilder();
        out.append('\n').append(RULE).append('\n');
        out.append(module).append(solution ? " (reference solution)" : "").append(": ")
                .append(done).append(" of ").append(steps.size()).append(" steps done.\n");

        Integer next = null;
        for (int step : steps) {
            StepResult result = results.get(step);
            String title = titles.getOrDefault(step, "(no heading in the README)");
            out.append("  ").append(mark(result)).append(" Step ").append(step).append(" — ").append(title);
            out.append(detail(result)).append('\n');
            if (next == null && (result == null || !result.done())) {
                next = step;
            }
        }

        if (next == null && solution) {
            out.append("All steps pass on the reference solution.\n");
        } else if (next == null) {
            out.append("All steps pass. Compare with the reference: README, \"Compare with the solution\".\n");
        } else {
            out.append("Next: Step ").append(next).append(" — ").append(titles.getOrDefault(next, ""))
                    .append(" (README, \"Step ").append(next).append("\").\n");
            StepResult result = results.get(next);
            if (result != null && result.firstFailure != null) {
                out.append("  ").append(result.firstFailure).append('\n');
            }
        }
        return out.append(RULE).toString();
    }

    private static String mark(StepResult result) {
        if (result == null || !result.ran()) {
            return "[ ]";
        }
        return result.done() ? "[x]" : "[ ]";
    }

    private static String detail(StepResult result) {
        if (result == null || !result.ran()) {
            return ": not run";
        }
        if (result.done()) {
            return result.fromEarlierRun ? " (passed in an earlier run)" : "";
        }
        if (result.fromEarlierRun) {
            return ": failed in an earlier run, not run this time";
        }
        if (result.blockedByEarlierStep()) {
            return ": needs Step " + result.todo.step() + " first";
        }
        if (!result.todoLocations.isEmpty()) {
            return ": still a TODO in " + String.join("; ", result.todoLocations);
        }
        if (result.todo != null) {
            return ": still a TODO";
        }
        return ": " + result.failed + " of " + (result.passed + result.failed) + " tests fail";
    }
}
