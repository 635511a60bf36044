package realtime.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StepTodoTest {

    @Test
    @DisplayName("finds the TODO of an exercise with its location")
    void findsExerciseTodo() {
        UnsupportedOperationException todo = new UnsupportedOperationException("TODO step 3: tell whether the tag matches");

        StepTodo found = StepTodo.find(todo).orElseThrow();

        assertThat(found.step()).isEqualTo(3);
        assertThat(found.task()).isEqualTo("tell whether the tag matches");
        assertThat(found.location()).startsWith("StepTodoTest.findsExerciseTodo, StepTodoTest.java:");
        assertThat(found.getMessage()).startsWith("Step 3 is still a TODO: tell whether the tag matches (");
        assertThat(found.getStackTrace()).isEmpty();
    }

    @Test
    @DisplayName("finds a TODO wrapped in other exceptions")
    void findsWrappedTodo() {
        Exception wrapped = new ExecutionException(new IllegalStateException("poll failed",
                new UnsupportedOperationException("TODO step 5: ask for the changes")));

        assertThat(StepTodo.find(wrapped)).map(StepTodo::step).contains(5);
    }

    @Test
    @DisplayName("finds a TODO in a server's JSON error body")
    void findsTodoInResponseBody() {
        String body = "{\"error\":\"not_implemented\",\"message\":\"TODO step 2: return only later prices\"}";

        StepTodo found = StepTodo.find(body, null).orElseThrow();

        assertThat(found.step()).isEqualTo(2);
        assertThat(found.task()).isEqualTo("return only later prices");
        assertThat(found.location()).isNull();
    }

    @Test
    @DisplayName("reads the location a server sends")
    void readsLocationFromResponseBody() {
        String body = "{\"message\":\"TODO step 2: parse since\",\"location\":\"SinceParameter.parse, SinceParameter.java:27\"}";

        StepTodo found = StepTodo.find(body, null).orElseThrow();

        assertThat(found.location()).isEqualTo("SinceParameter.parse, SinceParameter.java:27");
        assertThat(found.getMessage()).isEqualTo("Step 2 is still a TODO: parse since (SinceParameter.parse, SinceParameter.java:27)");
    }

    @Test
    @DisplayName("keeps quotes in an exercise's task")
    void keepsQuotesInTask() {
        UnsupportedOperationException todo = new UnsupportedOperationException("TODO step 3: start at \"$\" for new entries only");

        assertThat(StepTodo.find(todo)).map(StepTodo::task).contains("start at \"$\" for new entries only");
    }

    @Test
    @DisplayName("reads escaped quotes in a JSON body")
    void readsEscapedQuotesInJson() {
        String body = "{\"message\":\"TODO step 3: start at \\\"$\\\" for new entries\",\"error\":\"not_implemented\"}";

        assertThat(StepTodo.find(body, null)).map(StepTodo::task).contains("start at \"$\" for new entries");
    }

    @Test
    @DisplayName("ignores failures without a TODO")
    void ignoresOrdinaryFailures() {
        assertThat(StepTodo.find(new AssertionError("expected 200 but was 500"))).isEmpty();
        assertThat(StepTodo.find(new UnsupportedOperationException("read-only list"))).isEmpty();
        assertThat(StepTodo.find((String) null, null)).isEmpty();
    }
}
