package realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressReportTest {

    @Test
    @DisplayName("reads step headings from a lesson")
    void readsStepHeadings(@TempDir Path folder) throws Exception {
        Path readme = folder.resolve("README.md");
        Files.writeString(readme, String.join("\n",
                "# 01 — Short polling",
                "## Step 1 — Keep prices under a version",
                "text",
                "## Step 2: Return only the changes",
                "### Step 3 - Answer 304",
                "## Stepping stones",
                "## In production"));

        Map<Integer, String> steps = LessonSteps.read(readme);

        assertThat(steps).containsExactly(
                Map.entry(1, "Keep prices under a version"),
                Map.entry(2, "Return only the changes"),
                Map.entry(3, "Answer 304"));
    }

    @Test
    @DisplayName("a missing lesson has no steps")
    void missingLessonHasNoSteps(@TempDir Path folder) {
        assertThat(LessonSteps.read(folder.resolve("README.md"))).isEmpty();
    }

    @Test
    @DisplayName("summary names the next step and why it fails")
    void summaryNamesNextStep() {
        Map<Integer, String> titles = Map.of(1, "First", 2, "Second", 3, "Third");
        Map<Integer, StepResult> results = new TreeMap<>();
        results.put(1, new StepResult(1));
        results.get(1).record(null);
        results.put(2, new StepResult(2));
        results.get(2).record(new UnsupportedOperationException("TODO step 2: do the second thing"));
        results.put(3, new StepResult(3));
        results.get(3).record(new UnsupportedOperationException("TODO step 2: do the second thing"));

        String summary = ProgressReport.format("01-demo", false, titles, results);

        assertThat(summary).contains("01-demo: 1 of 3 steps done.");
        assertThat(summary).contains("[x] Step 1 — First\n");
        assertThat(summary).contains("[ ] Step 2 — Second: still a TODO in ProgressReportTest.summaryNamesNextStep");
        assertThat(summary).contains("[ ] Step 3 — Third: needs Step 2 first");
        assertThat(summary).contains("Next: Step 2 — Second (README, \"Step 2\").");
        assertThat(summary).contains("Step 2 is still a TODO: do the second thing");
    }

    @Test
    @DisplayName("summary counts ordinary failures")
    void summaryCountsFailures() {
        StepResult result = new StepResult(1);
        result.record(null);
        result.record(new AssertionError("Step 1: expected 3, got 2\nmore detail"));

        String summary = ProgressReport.format("01-demo", false, Map.of(1, "First"), Map.of(1, result));

        assertThat(summary).contains("[ ] Step 1 — First: 1 of 2 tests fail");
        assertThat(summary).contains("  Step 1: expected 3, got 2\n");
        assertThat(summary).doesNotContain("more detail");
    }

    @Test
    @DisplayName("summary of a finished module points to the comparison")
    void summaryOfFinishedModule() {
        StepResult result = new StepResult(1);
        result.record(null);

        String summary = ProgressReport.format("01-demo", true, Map.of(1, "First"), Map.of(1, result));

        assertThat(summary).contains("01-demo (reference solution): 1 of 1 steps done.");
        assertThat(summary).contains("All steps pass on the reference solution.");
    }
}
