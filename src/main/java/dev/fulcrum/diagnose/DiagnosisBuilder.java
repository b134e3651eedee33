package dev.fulcrum.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns what the scan kept into the {@link Diagnosis} the reports render. */
final class DiagnosisBuilder {

    private DiagnosisBuilder() {
    }

    static Diagnosis build(Analysis a, LogScanner scanner, Unparsed unparsed) {
        List<Finding> findings = Findings.of(a);
        List<Diagnosis.StatusSplit> statuses = splits(a.statuses);
        Map<String, Diagnosis.StatusSplit> classes = new LinkedHashMap<>();
        for (int c = 4; c <= 5; c++) {
            classes.put(c + "XX", new Diagnosis.StatusSplit(c * 100, a.errors(c, false), a.errors(c, true)));
        }
        Diagnosis.UnparsedLines bad = new Diagnosis.UnparsedLines(unparsed.count(), unparsed.examples().stream()
                .map(e -> new Diagnosis.Example(e.source(), e.line(), e.reason(), e.excerpt())).toList(),
                unparsed.problems());
        Diagnosis d = new Diagnosis(scanner.lines(), a.entries, scanner.outOfScope(), bad,
                scanner.sources().stream().map(s -> new Diagnosis.Source(s.name(), s.format(), s.lines(),
                        s.unparsed())).toList(),
                a.entries == 0 ? null : Text.time(a.firstMicros), a.entries == 0 ? null : Text.time(a.lastMicros),
                a.settings.idleTimeoutSeconds(), a.settings.connectTimeoutSeconds(), List.of(), statuses, classes,
                findings, nodes(a.targets.values()), nodes(a.groups.values()), minutes(a),
                reasons(a.errorReasons), reasons(a.classifications), latency(a.latency), slowest(a));
        return withSummary(d);
    }

    private static Diagnosis withSummary(Diagnosis d) {
        return new Diagnosis(d.lines(), d.entries(), d.outOfScope(), d.unparsed(), d.sources(), d.from(), d.to(),
                d.idleTimeoutSeconds(), d.connectTimeoutSeconds(), Summary.of(d), d.statuses(), d.statusClasses(),
                d.findings(), d.targets(), d.targetGroups(), d.minutes(), d.errorReasons(), d.classifications(),
                d.latency(), d.slowest());
    }

    private static List<Diagnosis.StatusSplit> splits(Map<Integer, long[]> statuses) {
        List<Diagnosis.StatusSplit> out = new ArrayList<>();
        statuses.forEach((s, c) -> out.add(new Diagnosis.StatusSplit(s, c[0], c[1])));
        return out;
    }

    private static List<Diagnosis.Node> nodes(Iterable<NodeStats> stats) {
        List<Diagnosis.Node> out = new ArrayList<>();
        for (NodeStats n : stats) {
            out.add(new Diagnosis.Node(n.name, n.group, n.requests, n.balancerErrors, n.targetErrors,
                    splits(n.statuses), latency(n.latency)));
        }
        out.sort(Comparator.comparingLong((Diagnosis.Node n) -> n.balancerErrors() + n.targetErrors()).reversed()
                .thenComparing(Comparator.comparingLong(Diagnosis.Node::requests).reversed())
                .thenComparing(Diagnosis.Node::name));
        return out;
    }

    private static List<Diagnosis.Minute> minutes(Analysis a) {
        List<Diagnosis.Minute> out = new ArrayList<>();
        for (MinuteSeries.Minute m : a.minutes.all()) {
            out.add(new Diagnosis.Minute(Text.minute(m.epochMinute), m.requests, m.count(4, false),
                    m.count(5, false), m.count(4, true), m.count(5, true), splits(m.statuses), latency(m.latency)));
        }
        return out;
    }

    private static List<Diagnosis.ReasonCount> reasons(Map<String, Long> counts) {
        List<Diagnosis.ReasonCount> out = new ArrayList<>();
        counts.forEach((k, n) -> {
            int space = k.indexOf(' ');
            out.add(new Diagnosis.ReasonCount(k.substring(space + 1), k.substring(0, space), n));
        });
        out.sort(Comparator.comparingLong(Diagnosis.ReasonCount::count).reversed());
        return out;
    }

    static Diagnosis.Latency latency(LatencyHistogram h) {
        return new Diagnosis.Latency(h.count(), seconds(h.percentile(0.5)), seconds(h.percentile(0.9)),
                seconds(h.percentile(0.99)), seconds(h.max()));
    }

    private static List<Diagnosis.Slow> slowest(Analysis a) {
        return a.slowest.list().stream().map(s -> new Diagnosis.Slow(Text.time(s.timeMicros()),
                seconds(s.elapsedMicros()), s.targetMicros() < 0 ? -1 : seconds(s.targetMicros()), s.status(),
                s.targetStatus() < 0 ? "-" : Integer.toString(s.targetStatus()),
                s.target() == null ? "-" : s.target(), s.request())).toList();
    }

    private static double seconds(long micros) {
        return micros / 1e6;
    }
}
