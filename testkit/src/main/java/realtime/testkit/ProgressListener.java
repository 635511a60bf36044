package realtime.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints how far a learner has come at the end of every test run, one step of the lesson a line,
 * and writes it to {@code target/workbook-progress.txt}, with its figures in
 * {@code target/workbook-progress.properties} for CI.
 *
 * <p>Tests name their step with a tag such as {@code @Tag("step-2")} on the class or method. A
 * step is done when it ran at least one test and none failed. The parent POM passes the module,
 * README and build folder to Surefire as system properties. A run without them, or without any
 * step-tagged test (such as the testkit's own), prints nothing.
 */
public final class ProgressListener implements TestExecutionListener {


    private final Map<Integer, StepResult> results = new TreeMap<>();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        boolean containerFailed = identifier.isContainer() && result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
        if (!identifier.isTest() && !containerFailed) {
            return;
        }
        Optional<Integer> step = stepOf(identifier);
        if (step.isEmpty()) {
            return;
        }
        Throwable failure = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL
                ? null
                : result.getThrowable().orElseGet(() -> new AssertionError("aborted"));
        results.computeIfAbsent(step.get(), StepResult::new).record(failure);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        String module = System.getProperty("workbook.module");
        if (module == null || results.isEmpty()) {
            return;
        }
        Map<Integer, String> titles = LessonSteps.read(Path.of(System.getProperty("workbook.readme", "README.md")));
        boolean solution = "solution".equals(System.getProperty("workbook.mode"));
        carryOverEarlierRun(titles);
        String summary = ProgressReport.format(module, solution, titles, results);
        System.out.println(summary);
        writeFiles(module, titles, summary);
    }

    // A run of some steps only (-Dgroups=step-3) keeps what the previous run found for the others.
    private void carryOverEarlierRun(Map<Integer, String> titles) {
        Path file = Path.of(System.getProperty("workbook.build.dir", "target"), "workbook-progress.properties");
        if (!Files.isRegularFile(file)) {
            return;
        }
        Properties earlier = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            earlier.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return;
        }
        if (!System.getProperty("workbook.mode", "starter").equals(earlier.getProperty("mode"))) {
            return;
        }
        for (int step : titles.keySet()) {
            String passed = earlier.getProperty("step." + step + ".passed");
            String failed = earlier.getProperty("step." + step + ".failed");
            if (results.containsKey(step) || passed == null || failed == null) {
                continue;
            }
            StepResult carried = new StepResult(step);
            carried.passed = Integer.parseInt(passed);
            carried.failed = Integer.parseInt(failed);
            carried.fromEarlierRun = true;
            if (carried.ran()) {
                results.put(step, carried);
            }
        }
    }

    // A step tag may sit on the method, its class or an enclosing class.
    private Optional<Integer> stepOf(TestIdentifier identifier) {
        for (TestIdentifier current = identifier; current != null; current = plan.getParent(current).orElse(null)) {
            for (TestTag tag : current.getTags()) {
                if (tag.getName().startsWith("step-")) {
                    try {
                        return Optional.of(Integer.parseInt(tag.getName().substring("step-".length())));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    private void writeFiles(String module, Map<Integer, String> titles, String summary) {
        Properties properties = new Properties();
        properties.setProperty("module", module);
        properties.setProperty("mode", System.getProperty("workbook.mode", "starter"));
        TreeSet<Integer> steps = new TreeSet<>(titles.keySet());
        steps.addAll(results.keySet());
        properties.setProperty("steps", String.valueOf(steps.size()));
        properties.setProperty("steps.done", String.valueOf(results.values().stream().filter(StepResult::done).count()));
        for (int step : steps) {
            StepResult result = results.getOrDefault(step, new StepResult(step));
            properties.setProperty("step." + step + ".title", titles.getOrDefault(step, "(no README heading)"));
            properties.setProperty("step." + step + ".passed", String.valueOf(result.passed));
            properties.setProperty("step." + step + ".failed", String.valueOf(result.failed));
            properties.setProperty("step." + step + ".todo", String.valueOf(result.todo != null));
        }
        Path folder = Path.of(System.getProperty("workbook.build.dir", "target"));
        Path file = folder.resolve("workbook-progress.properties");
        try {
            Files.createDirectories(folder);
            try (var out = Files.newBufferedWriter(file)) {
                properties.store(out, "Progress of " + module + ", written by the testkit after each test run");
            }
            Files.writeString(folder.resolve("workbook-progress.txt"), summary.strip() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the progress files in " + folder, e);
        }
    }
}
