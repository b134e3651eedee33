package dev.fulcrum.diagnose;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipException;

/**
 * Reads every input line by line and hands each readable entry in scope to the analysis: the format is told per
 * file from its first line (a line that does not read in the file's format gets a second chance in the format it
 * looks like, for mixed standard input), and what cannot be read is counted in {@link Unparsed}. An input that
 * breaks off (a truncated or corrupt gzip stream, a read error) is a problem of its own; the lines read before it
 * still count and the next input is read.
 */
final class LogScanner {

    /** What was read from one input. */
    record SourceSummary(String name, String format, long lines, long unparsed) {
    }

    private final Scope scope;
    private final Analysis analysis;
    private final Unparsed unparsed;
    private final Progress progress;
    private final List<SourceSummary> sources = new ArrayList<>();
    private final LogEntry entry = new LogEntry();
    private long lines;
    private long outOfScope;

    LogScanner(Scope scope, Analysis analysis, Unparsed unparsed, Progress progress) {
        this.scope = scope;
        this.analysis = analysis;
        this.unparsed = unparsed;
        this.progress = progress;
    }

    void scan(List<LogSource> inputs) {
        for (LogSource source : inputs) {
            scan(source);
        }
        progress.finish();
    }

    void scan(LogSource source) {
        // The file's format is the one its first readable line has; until then each line is tried on its own.
        LineFormat format = null;
        LineParser parser = null;
        boolean settled = false;
        long before = unparsed.count();
        long fileLines = 0;
        LineReader reader = null;
        try (InputStream in = source.openDecoded(progress.bytes())) {
            reader = new LineReader(in);
            String line;
            while ((line = reader.next()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                fileLines++;
                if ((lines & 0x3fff) == 0) {
                    progress.update(lines);
                }
                if (line == LineReader.TOO_LONG) {
                    unparsed.line(source.name(), reader.number(), "line longer than "
                            + LineReader.MAX_LINE / 1024 + " KiB", line);
                    continue;
                }
                if (!settled) {
                    format = LineFormat.detect(line);
                    parser = format == null ? null : LineParser.of(format);
                }
                String problem = parser == null ? "not a line of ALB's, CLB's or Fulcrum's JSON format"
                        : parser.parse(line, entry);
                if (problem == null) {
                    settled = true;
                } else if (settled) {
                    LineFormat own = LineFormat.detect(line);
                    if (own != null && own != format) {
                        problem = LineParser.of(own).parse(line, entry);
                    }
                }
                if (problem != null) {
                    unparsed.line(source.name(), reader.number(), problem, line);
                } else if (scope.includes(entry)) {
                    analysis.accept(entry);
                } else {
                    outOfScope++;
                }
            }
        } catch (ZipException | EOFException e) {
            unparsed.problem(source.name() + ": the gzip data is " + (e instanceof EOFException ? "truncated"
                    : "corrupt") + " after line " + (reader == null ? 0 : reader.number()) + " (" + e.getMessage()
                    + "); the lines before it are in the report");
        } catch (IOException | java.io.UncheckedIOException e) {
            unparsed.problem(source.name() + ": cannot read after line " + (reader == null ? 0 : reader.number())
                    + " (" + e + ")");
        }
        sources.add(new SourceSummary(source.name(), settled ? format.label() : "unknown", fileLines,
                unparsed.count() - before));
    }

    long lines() {
        return lines;
    }

    long outOfScope() {
        return outOfScope;
    }

    List<SourceSummary> sources() {
        return List.copyOf(sources);
    }
}
