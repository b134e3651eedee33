package dev.fulcrum.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the command line names, as inputs in time order: files as given, folders walked recursively (ALB's S3
 * layout, {@code AWSLogs/<account>/elasticloadbalancing/<region>/yyyy/mm/dd/...}, included), {@code -} for
 * standard input.
 */
final class LogSources {

    /** The interval end in ALB's and CLB's file names: {@code ..._20140215T2340Z_...}. */
    private static final Pattern STAMP = Pattern.compile("_(\\d{8}T\\d{4}Z)_");

    private LogSources() {
    }

    /**
     * The inputs; a name that is neither a file nor a folder is a problem. Files in folders are ordered by the
     * time in their names (ALB's files end their name with the interval they cover), then by path.
     */
    static List<LogSource> of(List<String> names, InputStream stdin, List<String> problems) {
        List<LogSource> sources = new ArrayList<>();
        for (String name : names.isEmpty() ? List.of("-") : names) {
            if (name.equals("-")) {
                sources.add(LogSource.stdin(stdin));
                continue;
            }
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                try {
                    walk(path).forEach(f -> sources.add(LogSource.file(f)));
                } catch (UncheckedIOException e) {
                    problems.add(name + ": cannot list the folder (" + e.getCause().getMessage() + ")");
                }
            } else if (Files.isRegularFile(path)) {
                sources.add(LogSource.file(path));
            } else {
                problems.add(name + ": no such file or folder");
            }
        }
        return sources;
    }

    private static List<Path> walk(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(LogSources::stamp).thenComparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The time in the file's name, or an empty string (first) when it has none. */
    static String stamp(Path file) {
        Matcher m = STAMP.matcher(file.getFileName().toString());
        return m.find() ? m.group(1) : "";
    }
}
