import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generates each module's starter sources from its reference solution.
 *
 * <p>Run from the repository root with a JDK 17+: {@code java tools/GenerateStarters.java} writes
 * every starter; {@code --check} writes nothing and exits 1 when a committed starter differs from
 * what would be generated. Module names after the options limit the run to those modules.
 *
 * <p>Markers in {@code solutions/<module>/src/main/java}, each on a line of its own:
 * <pre>
 *     // >>> step 2: reject a poll that comes sooner than the allowed interval
 *     ...the solution...
 *     // <<< step 2
 *
 *     // >>> solution only
 *     ...lines the starter does not get: helpers, fields, imports...
 *     // <<< solution only
 *
 *     // solution-only file        (anywhere in a file: the starter does not get the file)
 * </pre>
 * A step region becomes {@code throw new UnsupportedOperationException("TODO step 2: ...")} at the
 * marker's indentation, so a region must end its block: code after it would be unreachable.
 */
public final class GenerateStarters {

    private static final Pattern STEP_BEGIN = Pattern.compile("^(\\s*)// >>> step (\\d+): (.+?)\\s*$");
    private static final Pattern STEP_END = Pattern.compile("^\\s*// <<< step (\\d+)\\s*$");
    private static final Pattern ONLY_BEGIN = Pattern.compile("^\\s*// >>> solution only\\s*$");
    private static final Pattern ONLY_END = Pattern.compile("^\\s*// <<< solution only\\s*$");
    private static final Pattern ONLY_FILE = Pattern.compile("^\\s*// solution-only file\\s*$");
    private static final Pattern ANY_MARKER = Pattern.compile("^\\s*// (>>>|<<<)");

    public static void main(String[] args) throws IOException {
        boolean check = false;
        Set<String> only = new TreeSet<>();
        for (String arg : args) {
            if (arg.equals("--check")) {
                check = true;
            } else if (arg.startsWith("-")) {
                System.err.println("Unknown option " + arg + ". Usage: java tools/GenerateStarters.java [--check] [module...]");
                System.exit(2);
            } else {
                only.add(arg.replaceAll("/+$", ""));
            }
        }

        Path root = Path.of("").toAbsolutePath();
        Path solutions = root.resolve("solutions");
        if (!Files.isDirectory(solutions)) {
            System.err.println("No solutions/ folder in " + root + ". Run this from the repository root.");
            System.exit(2);
        }

        List<String> problems = new ArrayList<>();
        int modules = 0;
        try (Stream<Path> entries = Files.list(solutions)) {
            for (Path solution : entries.sorted().toList()) {
                String module = solution.getFileName().toString();
                if (!Files.isDirectory(solution.resolve("src/main/java")) || (!only.isEmpty() && !only.contains(module))) {
                    continue;
                }
                modules++;
                problems.addAll(processModule(root, module, check));
            }
        }

        for (String problem : problems) {
            System.err.println(problem);
        }
        String verb = check ? "checked" : "generated";
        if (problems.isEmpty()) {
            System.out.println("Starters " + verb + ": " + modules + " module(s), all match their solutions.");
        } else {
            System.out.println("Starters " + verb + ": " + problems.size() + " problem(s) in " + modules + " module(s).");
            if (check) {
                System.out.println("Run `java tools/GenerateStarters.java` to regenerate, then commit the starters.");
            }
            System.exit(1);
        }
    }

    private static List<String> processModule(Path root, String module, boolean check) throws IOException {
        Path from = root.resolve("solutions").resolve(module).resolve("src/main/java");
        Path to = root.resolve(module).resolve("src/main/java");
        List<String> problems = new ArrayList<>();

        Map<Path, String> expected = new TreeMap<>();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = from.relativize(file);
                try {
                    String starter = toStarter(Files.readString(file), relative.toString());
                    if (starter != null) {
                        expected.put(relative, starter);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add("solutions/" + module + "/src/main/java/" + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            return problems;
        }

        Map<Path, String> actual = new TreeMap<>();
        if (Files.isDirectory(to)) {
            try (Stream<Path> files = Files.walk(to)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    actual.put(to.relativize(file), Files.readString(file));
                }
            }
        }

        if (check) {
            for (Map.Entry<Path, String> entry : expected.entrySet()) {
                String committed = actual.get(entry.getKey());
                if (committed == null) {
                    problems.add(module + "/src/main/java/" + entry.getKey() + ": missing from the starter");
                } else if (!committed.equals(entry.getValue())) {
                    problems.add(module + "/src/main/java/" + entry.getKey() + ": differs from the generated starter, "
                            + firstDifference(committed, entry.getValue()));
                }
            }
            for (Path extra : actual.keySet()) {
                if (!expected.containsKey(extra)) {
                    problems.add(module + "/src/main/java/" + extra + ": not generated from the solution; remove it or add it to the solution");
                }
            }
            return problems;
        }

        for (Path extra : actual.keySet()) {
            if (!expected.containsKey(extra)) {
                Files.delete(to.resolve(extra));
            }
        }
        for (Map.Entry<Path, String> entry : expected.entrySet()) {
            Path target = to.resolve(entry.getKey());
            Files.createDirectories(target.getParent());
            if (!entry.getValue().equals(actual.get(entry.getKey()))) {
                Files.writeString(target, entry.getValue());
            }
        }
        return problems;
    }

    /** Returns the starter text of one solution file, or null when the starter does not get it. */
    static String toStarter(String solution, String name) {
        String[] lines = solution.split("\n", -1);
        StringBuilder out = new StringBuilder();
        Integer openStep = null;
        boolean inSolutionOnly = false;
        int openedAt = 0;

        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNumber = i + 1;
            Matcher stepBegin = STEP_BEGIN.matcher(line);
            Matcher stepEnd = STEP_END.matcher(line);

            if (ONLY_FILE.matcher(line).matches()) {
                return null;
            } else if (stepBegin.matches()) {
                requireClosed(openStep, inSolutionOnly, openedAt, name, lineNumber);
                openStep = Integer.parseInt(stepBegin.group(2));
                openedAt = lineNumber;
                String task = stepBegin.group(3).replace("\\", "\\\\").replace("\"", "\\\"");
                out.append(stepBegin.group(1))
                        .append("throw new UnsupportedOperationException(\"TODO step ").append(openStep)
                        .append(": ").append(task).append("\");");
                appendNewline(out, i, lines);
            } else if (stepEnd.matches()) {
                int step = Integer.parseInt(stepEnd.group(1));
                if (openStep == null || openStep != step) {
                    throw new IllegalArgumentException(name + ":" + lineNumber + ": `// <<< step " + step
                            + "` closes no open step " + step + " region");
                }
                openStep = null;
            } else if (ONLY_BEGIN.matcher(line).matches()) {
                requireClosed(openStep, inSolutionOnly, openedAt, name, lineNumber);
                inSolutionOnly = true;
                openedAt = lineNumber;
            } else if (ONLY_END.matcher(line).matches()) {
                if (!inSolutionOnly) {
                    throw new IllegalArgumentException(name + ":" + lineNumber + ": `// <<< solution only` closes no open region");
                }
                inSolutionOnly = false;
            } else if (ANY_MARKER.matcher(line).find()) {
                throw new IllegalArgumentException(name + ":" + lineNumber + ": unknown marker `" + line.strip()
                        + "`; expected `// >>> step N: task`, `// <<< step N`, `// >>> solution only` or `// <<< solution only`");
            } else if (openStep == null && !inSolutionOnly) {
                out.append(line);
                appendNewline(out, i, lines);
            }
        }
        requireClosed(openStep, inSolutionOnly, openedAt, name, lines.length);
        return out.toString();
    }

    private static void appendNewline(StringBuilder out, int index, String[] lines) {
        if (index < lines.length - 1) {
            out.append('\n');
        }
    }

    private static void requireClosed(Integer openStep, boolean inSolutionOnly, int openedAt, String name, int lineNumber) {
        if (openStep != null) {
            throw new IllegalArgumentException(name + ":" + openedAt + ": step " + openStep
                    + " region is not closed by `// <<< step " + openStep + "` before line " + lineNumber);
        }
        if (inSolutionOnly) {
            throw new IllegalArgumentException(name + ":" + openedAt
                    + ": solution-only region is not closed by `// <<< solution only` before line " + lineNumber);
        }
    }

    private static String firstDifference(String committed, String generated) {
        String[] a = committed.split("\n", -1);
        String[] b = generated.split("\n", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return "first at line " + (i + 1) + ": committed `" + a[i].strip() + "`, generated `" + b[i].strip() + "`";
            }
        }
        return "committed has " + a.length + " lines, generated " + b.length;
    }
}
