package dev.fulcrum.diagnose;

import dev.fulcrum.core.LbError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Judges every part with {@link EvidenceRules} and merges the parts that reached the same status, cause and
 * likelihood into one finding: its targets, the evidence of its largest part (the others' is alike), the
 * catalog's remedies.
 * Findings come most lines first.
 */
final class Findings {

    private static final int EVIDENCE = 6;
    private static final int TARGETS = 10;

    private Findings() {
    }

    private static final class Merged {
        final int status;
        final EvidenceRules.Judgement first;
        long count;
        final Map<String, Long> targets = new LinkedHashMap<>();
        final Set<String> groups = new LinkedHashSet<>();
        final Set<String> evidence = new LinkedHashSet<>();
        final Set<LbError> alternatives = new LinkedHashSet<>();
        int parts;
        String conclusion;

        Merged(int status, EvidenceRules.Judgement first) {
            this.status = status;
            this.first = first;
        }
    }

    static List<Finding> of(Analysis log) {
        long errors = log.statuses.entrySet().stream().filter(s -> LogEntry.isError(s.getKey()))
                .mapToLong(s -> s.getValue()[0] + s.getValue()[1]).sum();
        List<Part> parts = new ArrayList<>(log.parts());
        parts.sort(Comparator.comparingLong((Part p) -> p.count).reversed());
        Map<List<Object>, Merged> merged = new LinkedHashMap<>();
        for (Part p : parts) {
            EvidenceRules.Judgement j = EvidenceRules.judge(new Facts(p, log));
            List<Object> key = List.of(p.key.status(), j.cause().code(), j.likelihood());
            Merged m = merged.computeIfAbsent(key, k -> new Merged(p.key.status(), j));
            m.count += p.count;
            m.parts++;
            if (p.key.who() != null && p.key.signature() != Signature.NO_TARGET) {
                m.targets.merge(p.key.who(), p.count, Long::sum);
            }
            String group = p.key.signature() == Signature.NO_TARGET ? p.key.who() : p.group;
            if (group != null) {
                m.groups.add(group);
            }
            if (m.parts == 1) {
                j.evidence().stream().limit(EVIDENCE).forEach(m.evidence::add);
            }
            if (m.conclusion == null) {
                m.conclusion = j.conclusion();
            }
            m.alternatives.addAll(j.alternatives());
        }
        List<Finding> findings = new ArrayList<>();
        for (Merged m : merged.values()) {
            findings.add(finding(m, errors));
        }
        findings.sort(Comparator.comparingLong(Finding::count).reversed().thenComparingInt(Finding::status));
        return findings;
    }

    private static Finding finding(Merged m, long errors) {
        Cause c = m.first.cause();
        List<Finding.TargetCount> targets = new ArrayList<>();
        m.targets.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TARGETS)
                .forEach(t -> targets.add(new Finding.TargetCount(t.getKey(), t.getValue())));
        List<String> evidence = new ArrayList<>();
        if (m.first.likelihood().equals(Finding.RECORDED) && !c.source().equals(Cause.TARGET)) {
            evidence.add("error_reason " + c.code() + " on " + Text.count(m.count, "line")
                    + ": the balancer recorded the cause itself");
        }
        evidence.addAll(m.evidence);
        if (m.targets.size() > 1) {
            evidence.add("the same on " + m.targets.size() + " targets in all (the largest share above)");
        }
        m.alternatives.remove(c.catalog());
        List<Finding.Alternative> alternatives = m.alternatives.stream().filter(Objects::nonNull)
                .map(a -> new Finding.Alternative(a.errorReason(), a.cause(), a.remedies())).toList();
        return new Finding(m.status, c.source(), c.code(), m.first.likelihood(), m.count,
                errors == 0 ? 0 : m.count / (double) errors, targets, List.copyOf(m.groups), c.sentence(),
                evidence, m.conclusion, c.remedies(), alternatives);
    }

    /** Findings by status, for reports that group them. */
    static Map<Integer, List<Finding>> byStatus(List<Finding> findings) {
        Map<Integer, List<Finding>> out = new TreeMap<>();
        findings.forEach(f -> out.computeIfAbsent(f.status(), s -> new ArrayList<>()).add(f));
        return out;
    }
}
