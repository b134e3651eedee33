package dev.fulcrum.cli;

import dev.fulcrum.config.ConfigException;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.diagnose.Diagnose;
import dev.fulcrum.diagnose.Diagnosis;
import dev.fulcrum.diagnose.Reports;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code fulcrum diagnose [LOG...]}: reads ALB, CLB or Fulcrum access logs and says who made each error, why, and
 * what to do; {@code --live URL} looks at a running Fulcrum instead.
 */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = "Explain the errors in ALB, CLB or Fulcrum access logs (files, folders, gzipped, or - for"
                + " standard input): who made them, the likely causes, what to do.")
final class DiagnoseCommand implements Callable<Integer> {

    enum Format { text, json, html }

    @Parameters(paramLabel = "LOG", arity = "0..*",
            description = "Files or folders (read recursively, in time order); - or nothing: standard input.")
    private List<String> logs = new ArrayList<>();

    @Option(names = "--format", defaultValue = "text", description = "text, json or html (default: ${DEFAULT-VALUE}).")
    private Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report here (default: standard output).")
    private Path output;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "The idle timeout in force (default: the --config file's, else ALB's 60).")
    private Double idleTimeout;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS",
            description = "The target connect timeout in force (default: the --config file's, else ALB's 10).")
    private Double connectTimeout;

    @Option(names = "--header-timeout", paramLabel = "SECONDS",
            description = "Fulcrum's client_header_timeout in force (default: the --config file's, else 20).")
    private Double headerTimeout;

    @Option(names = "--config", paramLabel = "FILE", description = "A Fulcrum configuration file to take the timeouts from.")
    private Path config;

    @Option(names = "--from", paramLabel = "TIME", description = "Only lines at or after this time (ISO 8601, UTC).")
    private String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only lines before this time (ISO 8601, UTC).")
    private String to;

    @Option(names = "--target-group", paramLabel = "NAME", description = "Only this target group (name or ARN).")
    private String targetGroup;

    @Option(names = "--target", paramLabel = "IP[:PORT]", description = "Only this target.")
    private String target;

    @Option(names = "--slowest", paramLabel = "N", defaultValue = "10", description = "How many of the slowest requests to list (default: ${DEFAULT-VALUE}).")
    private int slowest;

    @Option(names = "--progress", negatable = true, description = "Show a progress bar on standard error (default: when it is a terminal).")
    private Boolean progress;

    @Option(names = "--live", paramLabel = "ADMIN_URL", description = "Diagnose a running Fulcrum through its admin endpoint (e.g. http://127.0.0.1:9090) instead of logs.")
    private String live;

    @Option(names = "--window", paramLabel = "SECONDS", defaultValue = "0", description = "With --live: count what happens during this many seconds (default: 0, the totals since start).")
    private int window;

    @Override
    public Integer call() throws InterruptedException {
        if (live != null) {
            return new LiveCheck(live, window).run(System.out, System.err, format == Format.json);
        }
        double idle = LoadBalancerAttributes.DEFAULT_IDLE_TIMEOUT.toMillis() / 1000.0;
        double connect = LoadBalancerAttributes.DEFAULT_TARGET_CONNECT_TIMEOUT.toMillis() / 1000.0;
        double header = LoadBalancerAttributes.DEFAULT_CLIENT_HEADER_TIMEOUT.toMillis() / 1000.0;
        if (config != null) {
            try {
                FulcrumConfig c = ConfigLoader.load(config);
                idle = c.loadBalancer().attributes().idleTimeout().toMillis() / 1000.0;
                connect = c.loadBalancer().attributes().targetConnectTimeout().toMillis() / 1000.0;
                header = c.loadBalancer().attributes().clientHeaderTimeout().toMillis() / 1000.0;
            } catch (ConfigException e) {
                System.err.println(config + ": " + e.getMessage());
                return 2;
            }
        }
        Long fromMicros;
        Long toMicros;
        try {
            fromMicros = micros(from);
            toMicros = micros(to);
        } catch (DateTimeParseException e) {
            System.err.println("--from/--to: " + e.getParsedString() + " (expected: an ISO 8601 time such as"
                    + " 2026-11-30T09:40:00Z, or 2026-11-30T09:40 for UTC)");
            return 2;
        }
        if ((idleTimeout != null && idleTimeout <= 0) || (connectTimeout != null && connectTimeout <= 0)
                || (headerTimeout != null && headerTimeout <= 0)) {
            System.err.println("--idle-timeout, --connect-timeout and --header-timeout: seconds (expected: > 0)");
            return 2;
        }
        Diagnosis d = Diagnose.of(idleTimeout != null ? idleTimeout : idle,
                connectTimeout != null ? connectTimeout : connect, headerTimeout != null ? headerTimeout : header,
                slowest)
                .scope(fromMicros, toMicros, targetGroup, target)
                .progress(System.err, progress != null ? progress : Terminal.isStandardError())
                .read(logs);
        String report = switch (format) {
            case text -> Reports.text(d);
            case json -> Reports.json(d);
            case html -> Reports.html(d);
        };
        if (output == null) {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            out.print(report);
            out.flush();
        } else {
            try {
                Files.writeString(output, report, StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("cannot write " + output + ": " + e.getMessage());
                return 1;
            }
            System.err.println("wrote " + output);
        }
        return d.entries() == 0 && (!d.unparsed().problems().isEmpty() || d.unparsed().count() > 0) ? 1 : 0;
    }

    /** An ISO 8601 instant, or a date-time without zone taken as UTC; {@code null} stays {@code null}. */
    static Long micros(String time) {
        if (time == null) {
            return null;
        }
        Instant t;
        try {
            t = Instant.parse(time);
        } catch (DateTimeParseException e) {
            t = LocalDateTime.parse(time).toInstant(ZoneOffset.UTC);
        }
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
