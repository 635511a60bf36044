package realtime.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The step headings of a lesson README: {@code ## Step 2 — Answer 304 when nothing changed}. */
public final class LessonSteps {

    private static final Pattern HEADING = Pattern.compile("^#{2,3}\\s+Step\\s+(\\d+)\\s*[—:–-]\\s*(.+?)\\s*$");

    private LessonSteps() {
    }

    /** Reads the step numbers and titles of a README, in step order; empty when the file is missing. */
    public static Map<Integer, String> read(Path readme) {
        Map<Integer, String> steps = new TreeMap<>();
        if (!Files.isRegularFile(readme)) {
            return steps;
        }
        try {
            for (String line : Files.readAllLines(readme)) {
                Matcher matcher = HEADING.matcher(line);
                if (matcher.matches()) {
                    steps.putIfAbsent(Integer.parseInt(matcher.group(1)), matcher.group(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the lesson " + readme, e);
        }
        return steps;
    }
}
