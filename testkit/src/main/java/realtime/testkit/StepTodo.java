package realtime.testkit;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test failure caused by an exercise that is still a TODO. It carries no stack trace, because
 * the message already names the step to work on and where.
 */
public final class StepTodo extends AssertionError {

    // In an exception's own message the task runs to the end of the line, quotes included.
    private static final Pattern TODO_IN_MESSAGE = Pattern.compile("TODO step (\\d+): ([^\\r\\n]+)");
    // In a JSON string the task ends at the first quote that is not escaped.
    private static final Pattern TODO_IN_JSON = Pattern.compile("TODO step (\\d+): ((?:\\\\.|[^\"\\\\\\r\\n])+)");
    private static final Pattern JSON_LOCATION = Pattern.compile("\"location\"\\s*:\\s*\"([^\"]+)\"");

    private final int step;
    private final String task;
    private final String location;

    StepTodo(int step, String task, String location) {
        super(describe(step, task, location), null);
        this.step = step;
        this.task = task.strip();
        this.location = location;
    }

    /** Finds a "TODO step N: task" marker in the message of the error or of any of its causes. */
    public static Optional<StepTodo> find(Throwable error) {
        // First the exercise's own exception, whose stack trace gives the location; then any message.
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof StepTodo todo) {
                return Optional.of(todo);
            }
            if (cause instanceof UnsupportedOperationException && cause.getMessage() != null) {
                Matcher matcher = TODO_IN_MESSAGE.matcher(cause.getMessage());
                if (matcher.find()) {
                    return Optional.of(new StepTodo(Integer.parseInt(matcher.group(1)), matcher.group(2), locationOf(cause)));
                }
            }
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            Optional<StepTodo> todo = find(cause.getMessage(), null);
            if (todo.isPresent()) {
                return todo;
            }
        }
        return Optional.empty();
    }

    /**
     * Finds a "TODO step N: task" marker in a text such as an HTTP response body. Without a given
     * location, a JSON {@code "location"} field in the text is used, as a server's TODO error sends.
     */
    public static Optional<StepTodo> find(String text, String location) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = TODO_IN_JSON.matcher(text);
        if (!matcher.find()) {
            return Optional.empty();
        }
        if (location == null) {
            Matcher json = JSON_LOCATION.matcher(text);
            location = json.find() ? unescapeJson(json.group(1)) : null;
        }
        return Optional.of(new StepTodo(Integer.parseInt(matcher.group(1)), unescapeJson(matcher.group(2)), location));
    }

    /**
     * Returns where an exercise's exception was thrown, as "Class.method, File.java:line", for a
     * server to send in its TODO error body under {@code "location"}.
     */
    public static String locationOf(Throwable cause) {
        StackTraceElement[] frames = cause.getStackTrace();
        if (frames.length == 0) {
            return null;
        }
        StackTraceElement top = frames[0];
        String simpleName = top.getClassName().substring(top.getClassName().lastIndexOf('.') + 1);
        return simpleName + "." + top.getMethodName() + ", " + top.getFileName() + ":" + top.getLineNumber();
    }

    // Enough of JSON's escapes for a task text: \" \\ \/ and the whitespace escapes.
    private static String unescapeJson(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char escaped = text.charAt(++i);
            boolean whitespace = escaped == 'n' || escaped == 'r' || escaped == 't';
            out.append(whitespace ? ' ' : escaped);
        }
        return out.toString();
    }

    public int step() {
        return step;
    }

    public String task() {
        return task;
    }

    /** The class, method and line that threw the TODO, or null when unknown. */
    public String location() {
        return location;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    private static String describe(int step, String task, String location) {
        String where = location == null ? "" : " (" + location + ")";
        return "Step " + step + " is still a TODO: " + task.strip() + where;
    }
}
