package dev.fulcrum.diagnose;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads access logs and diagnoses them: {@code Diagnose.of(settings, scope).read(names)} streams every input once
 * and returns the {@link Diagnosis}; {@link Reports} renders it as text, JSON or HTML.
 */
public final class Diagnose {

    private final Settings settings;
    private final Scope scope;
    private InputStream stdin = System.in;
    private PrintStream progressOut = System.err;
    private boolean progress;

    private Diagnose(Settings settings, Scope scope) {
        this.settings = settings;
        this.scope = scope;
    }

    /**
     * @param idleTimeoutSeconds the idle timeout in force (ALB's default: 60)
     * @param connectTimeoutSeconds the target connect timeout in force (ALB's: 10)
     * @param slowest how many of the slowest requests to list
     */
    public static Diagnose of(double idleTimeoutSeconds, double connectTimeoutSeconds, int slowest) {
        return of(idleTimeoutSeconds, connectTimeoutSeconds, Settings.DEFAULT_HEADER_TIMEOUT_SECONDS, slowest);
    }

    /** @param headerTimeoutSeconds Fulcrum's {@code client_header_timeout} (a 408 for a head that trickled in) */
    public static Diagnose of(double idleTimeoutSeconds, double connectTimeoutSeconds, double headerTimeoutSeconds,
            int slowest) {
        return new Diagnose(new Settings(idleTimeoutSeconds, connectTimeoutSeconds, headerTimeoutSeconds, slowest),
                Scope.all());
    }

    public static Diagnose withDefaults() {
        return new Diagnose(Settings.defaults(), Scope.all());
    }

    /**
     * Only lines whose time is in {@code [from, to)} (epoch microseconds, either {@code null} for open), of
     * {@code targetGroup} (a name or ARN) and {@code target} ({@code ip} or {@code ip:port}), each {@code null}
     * for all.
     */
    public Diagnose scope(Long fromMicros, Long toMicros, String targetGroup, String target) {
        Diagnose d = new Diagnose(settings, new Scope(fromMicros, toMicros, targetGroup, target));
        d.stdin = stdin;
        d.progressOut = progressOut;
        d.progress = progress;
        return d;
    }

    /** Where {@code -} reads from. */
    public Diagnose stdin(InputStream in) {
        this.stdin = in;
        return this;
    }

    /** Draws a progress bar on {@code out} while reading. */
    public Diagnose progress(PrintStream out, boolean enabled) {
        this.progressOut = out;
        this.progress = enabled;
        return this;
    }

    /** Reads files, folders (recursively, in time order) and {@code -} (standard input; also when none given). */
    public Diagnosis read(List<String> names) {
        Unparsed unparsed = new Unparsed();
        List<String> problems = new ArrayList<>();
        List<LogSource> sources = LogSources.of(names, stdin, problems);
        problems.forEach(unparsed::problem);
        long total = 0;
        for (LogSource s : sources) {
            total = s.sizeBytes() < 0 || total < 0 ? -1 : total + s.sizeBytes();
        }
        Analysis analysis = new Analysis(settings);
        LogScanner scanner = new LogScanner(scope, analysis, unparsed, new Progress(progressOut, progress, total));
        scanner.scan(sources);
        return DiagnosisBuilder.build(analysis, scanner, unparsed);
    }
}
