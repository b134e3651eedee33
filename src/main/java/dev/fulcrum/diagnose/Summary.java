package dev.fulcrum.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * The report's first lines: who made the errors (the seeds' first question, balancer or targets), then the main
 * findings, each with what to do. For example: "83% of 5XX came from the balancer: 502 from 10.0.0.7:8080, the
 * target closed the connection (FIN or RST) while a request to it was outstanding — its keep-alive timeout (5 s?)
 * is shorter than the balancer's idle timeout (60 s): raise it above 60 s".
 */
final class Summary {

    private static final int FINDINGS = 5;

    private Summary() {
    }

    static List<String> of(Diagnosis d) {
        List<String> out = new ArrayList<>();
        Diagnosis.StatusSplit fives = d.statusClasses().get("5XX");
        Diagnosis.StatusSplit fours = d.statusClasses().get("4XX");
        List<Finding> findings = d.findings();
        if (d.entries() == 0) {
            out.add("No access-log lines to diagnose" + (d.unparsed().count() > 0 ? " (" + Text.count(
                    d.unparsed().count(), "line") + " could not be read)" : "") + ".");
            return out;
        }
        if (fives.balancer() + fives.target() + fours.balancer() + fours.target() == 0) {
            out.add("No error responses (4XX or 5XX) in " + Text.count(d.entries(), "request") + ".");
            return out;
        }
        String head = split("5XX", fives);
        if (head == null) {
            head = split("4XX", fours);
        } else if (fours.balancer() + fours.target() > 0) {
            out.add(split("4XX", fours) + ".");
        }
        Finding lead = lead(findings, head, fives);
        if (lead != null) {
            head += ": " + phrase(lead);
        }
        out.add(0, head);
        findings.stream().filter(f -> f != lead).limit(FINDINGS - 1).forEach(f -> out.add(phrase(f)));
        return out;
    }

    /** The main finding of the side the headline names (balancer or targets), within the class it counts. */
    private static Finding lead(List<Finding> findings, String head, Diagnosis.StatusSplit fives) {
        boolean byTargets = head.contains("came from the targets");
        int statusClass = fives.balancer() + fives.target() > 0 ? 5 : 4;
        return findings.stream().filter(f -> f.status() / 100 == statusClass)
                .filter(f -> f.source().equals(Cause.TARGET) == byTargets).findFirst()
                .orElse(findings.isEmpty() ? null : findings.get(0));
    }

    private static String split(String statusClass, Diagnosis.StatusSplit s) {
        long all = s.balancer() + s.target();
        if (all == 0) {
            return null;
        }
        boolean balancer = s.balancer() >= s.target();
        long n = balancer ? s.balancer() : s.target();
        return Text.percent(n / (double) all) + " of " + statusClass + " came from the "
                + (balancer ? "balancer" : "targets") + " (" + String.format(java.util.Locale.ROOT, "%,d", n)
                + " of " + String.format(java.util.Locale.ROOT, "%,d", all) + ")";
    }

    /** {@code 502 from 10.0.0.7:8080, <the cause> — <what to do>}. */
    static String phrase(Finding f) {
        String from = f.targets().isEmpty() ? (f.targetGroups().isEmpty() ? "" : " in target group "
                + String.join(", ", f.targetGroups())) : " from " + targets(f);
        String todo = f.conclusion() != null ? f.conclusion()
                : f.remedies().isEmpty() ? "" : Text.clause(f.remedies().get(0));
        String hedge = f.likelihood().equals(Finding.POSSIBLE) ? " (possibly; the log cannot rule out "
                + f.alternatives().size() + " other cause" + (f.alternatives().size() == 1 ? "" : "s") + ")" : "";
        return f.status() + from + " (" + Text.count(f.count(), "line") + ", " + Text.percent(f.share())
                + " of errors), " + f.cause() + hedge + ": " + Text.clause(f.explanation())
                + (todo.isEmpty() ? "" : " — " + todo);
    }

    private static String targets(Finding f) {
        List<String> names = f.targets().stream().limit(3).map(Finding.TargetCount::target).toList();
        int more = f.targets().size() - names.size();
        return String.join(", ", names) + (more > 0 ? " and " + more + " more" : "");
    }
}
