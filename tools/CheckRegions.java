import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that the tests of a module notice each exercise left undone. For every step region of
 * the solution, it builds the solution with only that region replaced by its TODO and runs the
 * module's tests. It reports each region whose removal no test notices.
 *
 * <p>Run from the repository root: {@code java tools/CheckRegions.java 01-short-polling}. It runs
 * the tests once per region, so it takes minutes; CI does not run it.
 */
public final class CheckRegions {

    private static final Pattern STEP_BEGIN = Pattern.compile("^(\\s*)// >>> step (\\d+): (.+?)\\s*$");
    private static final Pattern STEP_END = Pattern.compile("^\\s*// <<< step (\\d+)\\s*$");

    record Region(Path file, int beginLine, int step, String task) {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("Usage: java tools/CheckRegions.java <module>");
            System.exit(2);
        }
        String module = args[0];
        Path solution = Path.of("solutions", module, "src", "main", "java");
        List<Region> regions = findRegions(solution);
        System.out.println(module + ": " + regions.size() + " step regions to check, one test run each");

        List<Region> unnoticed = new ArrayList<>();
        Path work = Files.createTempDirectory("regions-" + module);
        for (Region region : regions) {
            Path sources = work.resolve("src");
            copyWithRegionRemoved(solution, sources, region);
            ProcessBuilder maven = new ProcessBuilder("./mvnw", "-B", "-q", "test", "-pl", module, "-Psolutions",
                    "-Dworkbook.main.sources=" + sources.toAbsolutePath(),
                    "-Dworkbook.build.dir=" + work.resolve("target").toAbsolutePath())
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("last-run.log").toFile());
            int exit = maven.start().waitFor();
            String where = solution.relativize(region.file()) + ":" + region.beginLine();
            if (exit == 0) {
                unnoticed.add(region);
                System.out.println("  NOT NOTICED  step " + region.step() + " at " + where + " (" + region.task() + ")");
            } else {
                System.out.println("  noticed      step " + region.step() + " at " + where);
            }
            deleteTree(sources);
        }
        System.out.println(unnoticed.isEmpty()
                ? module + ": every region's removal fails at least one test"
                : module + ": " + unnoticed.size() + " region(s) whose removal no test notices");
        System.exit(unnoticed.isEmpty() ? 0 : 1);
    }

    private static List<Region> findRegions(Path root) throws IOException {
        List<Region> regions = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher begin = STEP_BEGIN.matcher(lines.get(i));
                    if (begin.matches()) {
                        regions.add(new Region(file, i + 1, Integer.parseInt(begin.group(2)), begin.group(3)));
                    }
                }
            }
        }
        return regions;
    }

    // Keeps every other region's solution code and turns the chosen region into its TODO.
    private static void copyWithRegionRemoved(Path from, Path to, Region removed) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                List<String> lines = Files.readAllLines(file);
                List<String> out = new ArrayList<>();
                boolean skipping = false;
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i);
                    Matcher begin = STEP_BEGIN.matcher(line);
                    if (file.equals(removed.file()) && i + 1 == removed.beginLine() && begin.matches()) {
                        out.add(begin.group(1) + "throw new UnsupportedOperationException(\"TODO step " + removed.step() + "\");");
                        skipping = true;
                    } else if (skipping && STEP_END.matcher(line).matches()) {
                        skipping = false;
                    } else if (!skipping) {
                        out.add(line);
                    }
                }
                Files.write(target, out);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
