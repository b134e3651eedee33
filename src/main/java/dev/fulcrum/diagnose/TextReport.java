package dev.fulcrum.diagnose;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The readable report: the summary first, then who made each error, the findings, and the tables behind them. */
final class TextReport {

    private static final int MINUTES = 30;
    private static final int TARGETS = 20;

    private TextReport() {
    }

    static String render(Diagnosis d) {
        StringBuilder out = new StringBuilder();
        header(d, out);
        section(out, "Summary");
        d.summary().forEach(s -> out.append("  ").append(s).append('\n'));
        statuses(d, out);
        findings(d, out);
        reasons(d, out);
        targets(d, out);
        minutes(d, out);
        slowest(d, out);
        unparsed(d, out);
        return out.toString();
    }

    private static void header(Diagnosis d, StringBuilder out) {
        String formats = d.sources().stream().map(Diagnosis.Source::format).distinct()
                .collect(Collectors.joining(", "));
        out.append(String.format(Locale.ROOT, "fulcrum diagnose: %,d lines from %s (%s)", d.lines(),
                Text.count(d.sources().size(), "input"), formats));
        if (d.from() != null) {
            out.append(", ").append(d.from()).append(" to ").append(d.to());
        }
        out.append('\n');
        if (d.outOfScope() > 0) {
            out.append(String.format(Locale.ROOT, "%,d lines outside the time window or target filter%n",
                    d.outOfScope()));
        }
        out.append("Timeouts taken as in force: idle ").append(Text.timeout(d.idleTimeoutSeconds()))
                .append(", target connect ").append(Text.timeout(d.connectTimeoutSeconds()))
                .append(" (--idle-timeout, --connect-timeout or --config say otherwise)\n");
    }

    private static void section(StringBuilder out, String title) {
        out.append('\n').append(title).append('\n');
    }

    private static void statuses(Diagnosis d, StringBuilder out) {
        Table t = new Table("STATUS", "BALANCER", "TARGET").numeric(1, 2);
        d.statuses().stream().filter(s -> LogEntry.isError(s.status())).forEach(s -> t.row(s.status(), s.balancer(), s.target()));
        d.statusClasses().forEach((k, s) -> {
            if (s.balancer() + s.target() > 0) {
                t.row(k, s.balancer(), s.target());
            }
        });
        if (!t.isEmpty()) {
            section(out, "Who made the errors (elb_status_code against target_status_code)");
            t.appendTo(out, "  ");
        }
    }

    private static void findings(Diagnosis d, StringBuilder out) {
        if (d.findings().isEmpty()) {
            return;
        }
        section(out, "Findings");
        int n = 1;
        for (Finding f : d.findings()) {
            out.append(String.format(Locale.ROOT, "  %d. %d %s (%s) — %s, %s of errors, made by the %s%n", n++,
                    f.status(), f.cause(), f.likelihood(), Text.count(f.count(), "line"),
                    Text.percent(f.share()), f.source()));
            out.append("     ").append(f.explanation()).append('\n');
            if (!f.targets().isEmpty()) {
                out.append("     targets: ").append(f.targets().stream().map(t -> t.target() + " (" + t.count() + ")")
                        .collect(Collectors.joining(", "))).append('\n');
            }
            if (!f.targetGroups().isEmpty()) {
                out.append("     target groups: ").append(String.join(", ", f.targetGroups())).append('\n');
            }
            f.evidence().forEach(e -> out.append("     - ").append(e).append('\n'));
            if (f.conclusion() != null) {
                out.append("     => ").append(f.conclusion()).append('\n');
            }
            f.remedies().forEach(r -> out.append("     fix: ").append(r).append('\n'));
            if (!f.alternatives().isEmpty()) {
                out.append("     could also be: ").append(f.alternatives().stream().map(Finding.Alternative::cause)
                        .collect(Collectors.joining(", "))).append('\n');
            }
        }
    }

    private static void reasons(Diagnosis d, StringBuilder out) {
        if (!d.errorReasons().isEmpty()) {
            section(out, "error_reason");
            Table t = new Table("STATUS", "ERROR_REASON", "LINES").numeric(2);
            d.errorReasons().forEach(r -> t.row(r.detail(), r.name(), r.count()));
            t.appendTo(out, "  ");
        }
        if (!d.classifications().isEmpty()) {
            section(out, "Desync mitigation classifications");
            Table t = new Table("CLASSIFICATION", "REASON", "LINES").numeric(2);
            d.classifications().forEach(r -> t.row(r.detail(), r.name(), r.count()));
            t.appendTo(out, "  ");
        }
    }

    private static void targets(Diagnosis d, StringBuilder out) {
        nodes(out, "Targets (target_processing_time in seconds)", "TARGET", d.targets());
        nodes(out, "Target groups", "TARGET GROUP", d.targetGroups());
    }

    private static void nodes(StringBuilder out, String title, String heading, List<Diagnosis.Node> nodes) {
        if (nodes.isEmpty()) {
            return;
        }
        section(out, title);
        Table t = new Table(heading, "REQUESTS", "BALANCER ERR", "TARGET ERR", "P50", "P90", "P99", "MAX")
                .numeric(1, 2, 3, 4, 5, 6, 7);
        nodes.stream().limit(TARGETS).forEach(n -> t.row(n.name(), n.requests(), n.balancerErrors(),
                n.targetErrors(), s(n.latency().p50()), s(n.latency().p90()), s(n.latency().p99()),
                s(n.latency().max())));
        t.appendTo(out, "  ");
        if (nodes.size() > TARGETS) {
            out.append("  (").append(nodes.size() - TARGETS).append(" more: --format json lists all)\n");
        }
    }

    private static void minutes(Diagnosis d, StringBuilder out) {
        List<Diagnosis.Minute> busy = d.minutes().stream()
                .filter(m -> m.balancer4xx() + m.balancer5xx() + m.target4xx() + m.target5xx() > 0)
                .sorted(Comparator.comparingLong((Diagnosis.Minute m) -> m.balancer5xx() + m.target5xx()
                        + m.balancer4xx() + m.target4xx()).reversed()).limit(MINUTES)
                .sorted(Comparator.comparing(Diagnosis.Minute::minute)).toList();
        if (busy.isEmpty()) {
            return;
        }
        section(out, "Minutes with errors" + (busy.size() == MINUTES ? " (the " + MINUTES + " with the most)" : ""));
        Table t = new Table("MINUTE", "REQUESTS", "ELB 4XX", "ELB 5XX", "TARGET 4XX", "TARGET 5XX", "P50", "P99")
                .numeric(1, 2, 3, 4, 5, 6, 7);
        busy.forEach(m -> t.row(m.minute(), m.requests(), m.balancer4xx(), m.balancer5xx(), m.target4xx(),
                m.target5xx(), s(m.latency().p50()), s(m.latency().p99())));
        t.appendTo(out, "  ");
    }

    private static void slowest(Diagnosis d, StringBuilder out) {
        if (d.slowest().isEmpty()) {
            return;
        }
        section(out, "Slowest requests (held by the balancer, in seconds)");
        Table t = new Table("TIME", "ELAPSED", "TARGET TIME", "STATUS", "TARGET", "REQUEST").numeric(1, 2);
        d.slowest().forEach(r -> t.row(r.time(), s(r.elapsed()), s(r.targetProcessingTime()),
                r.status() + "/" + r.targetStatus(), r.target(), abbreviate(r.request(), 100)));
        t.appendTo(out, "  ");
    }

    private static void unparsed(Diagnosis d, StringBuilder out) {
        Diagnosis.UnparsedLines u = d.unparsed();
        if (u.count() == 0 && u.problems().isEmpty()) {
            return;
        }
        section(out, "Not read");
        u.problems().forEach(p -> out.append("  ").append(p).append('\n'));
        if (u.count() > 0) {
            out.append(String.format(Locale.ROOT, "  %,d line%s could not be read%s:%n", u.count(),
                    u.count() == 1 ? "" : "s", u.count() > u.examples().size() ? "; the first "
                            + u.examples().size() : ""));
            u.examples().forEach(e -> out.append("    ").append(e.source()).append(':').append(e.line()).append(": ")
                    .append(e.reason()).append("\n      ").append(e.text()).append('\n'));
        }
    }

    private static String s(double seconds) {
        return seconds < 0 ? "-" : String.format(Locale.ROOT, "%.3f", seconds);
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
