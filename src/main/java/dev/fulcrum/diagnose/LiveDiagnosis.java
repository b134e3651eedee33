package dev.fulcrum.diagnose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fulcrum.core.LbError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A running Fulcrum seen through its admin endpoint: each target's health with its reason code and what to check,
 * the error counters (totals since start, or their change over a window), and the same explanations as for logs:
 * the catalog's cause and remedies for each error_reason counted, and the targets that answered 5XX themselves.
 */
public final class LiveDiagnosis {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One target's health. */
    public record TargetHealth(String group, String target, String state, String reason, String description,
            String advice) {
    }

    /** One explained counter: a status and cause, how many, and what to do. */
    public record LiveFinding(int status, String source, String cause, long count, String explanation,
            List<String> remedies, List<String> targets) {
    }

    private final List<TargetHealth> targets = new ArrayList<>();
    private final Map<String, Long> counters = new LinkedHashMap<>();
    private final List<LiveFinding> findings = new ArrayList<>();
    private final String period;

    private LiveDiagnosis(String period) {
        this.period = period;
    }

    /**
     * @param targetHealth the body of {@code GET /api/v1/target-health}
     * @param metrics the body of {@code GET /metrics} now
     * @param metricsBefore the same {@code windowSeconds} earlier, or {@code null} for the totals since start
     */
    public static LiveDiagnosis of(String targetHealth, String metrics, String metricsBefore, int windowSeconds) {
        LiveDiagnosis d = new LiveDiagnosis(metricsBefore == null ? "since start" : "in the last " + windowSeconds + " s");
        d.readTargets(targetHealth);
        PrometheusCounters now = PrometheusCounters.parse(metrics);
        PrometheusCounters c = now.since(metricsBefore == null ? null : PrometheusCounters.parse(metricsBefore));
        for (String name : List.of("RequestCount_total", "HTTPCode_ELB_4XX_Count_total", "HTTPCode_ELB_5XX_Count_total",
                "HTTPCode_Target_4XX_Count_total", "HTTPCode_Target_5XX_Count_total",
                "TargetConnectionErrorCount_total", "UnhealthyRoutingRequestCount_total")) {
            d.counters.put(name.replace("_total", ""), Math.round(c.total(name)));
        }
        Map<String, Double> byReason = c.by("Fulcrum_ErrorReason_Count_total", "error_reason");
        byReason.forEach((reason, n) -> {
            if (n >= 1) {
                Cause cause = LbError.ofErrorReason(reason).map(Cause::of).orElseGet(() -> Cause.unknownReason(reason));
                int status = cause.catalog() == null ? 0 : cause.catalog().status();
                d.findings.add(new LiveFinding(status, cause.source(), reason, Math.round(n), cause.sentence(),
                        cause.remedies(), List.of()));
            }
        });
        Map<String, Double> target5xx = c.by("HTTPCode_Target_5XX_Count_total", "target");
        List<String> failing = target5xx.entrySet().stream().filter(e -> e.getValue() >= 1).map(Map.Entry::getKey)
                .toList();
        if (!failing.isEmpty()) {
            Cause t = Cause.targetMade(500);
            long n = Math.round(target5xx.values().stream().mapToDouble(Double::doubleValue).sum());
            d.findings.add(new LiveFinding(500, Cause.TARGET, "Target5XX", n,
                    "Targets answered 5XX themselves; the load balancer passed the responses on.", t.remedies(),
                    failing));
        }
        d.findings.sort((a, b) -> Long.compare(b.count(), a.count()));
        return d;
    }

    private void readTargets(String body) {
        try {
            JsonNode root = JSON.readTree(body);
            for (JsonNode t : root.path("TargetHealthDescriptions")) {
                JsonNode h = t.path("TargetHealth");
                String reason = h.path("Reason").asText("");
                targets.add(new TargetHealth(t.path("TargetGroupName").asText(), t.path("Target").path("Id").asText()
                        + ":" + t.path("Target").path("Port").asText(), h.path("State").asText(), reason,
                        h.path("Description").asText(""), reason.isEmpty() ? "" : HealthReasons.advice(reason)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<TargetHealth> targets() {
        return List.copyOf(targets);
    }

    public List<LiveFinding> findings() {
        return List.copyOf(findings);
    }

    public Map<String, Long> counters() {
        return Map.copyOf(counters);
    }

    public String json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("period", period);
        out.put("targets", targets);
        out.put("counters", counters);
        out.put("findings", findings);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text() {
        StringBuilder out = new StringBuilder("Target health\n");
        Table t = new Table("TARGET GROUP", "TARGET", "STATE", "REASON");
        targets.forEach(h -> t.row(h.group(), h.target(), h.state(), h.reason().isEmpty() ? "-" : h.reason()));
        t.appendTo(out, "  ");
        targets.stream().filter(h -> !h.state().equals("healthy") && !h.reason().isEmpty()).forEach(h ->
                out.append("  ").append(h.target()).append(" is ").append(h.state()).append(" (").append(h.reason())
                        .append(h.description().isEmpty() ? "" : ": " + h.description()).append("): ")
                        .append(h.advice()).append('\n'));
        out.append("\nCounters ").append(period).append('\n');
        counters.forEach((k, v) -> out.append(String.format(Locale.ROOT, "  %-34s %,d%n", k, v)));
        out.append("\nFindings ").append(period).append('\n');
        if (findings.isEmpty()) {
            out.append("  no errors counted\n");
        }
        for (LiveFinding f : findings) {
            out.append(String.format(Locale.ROOT, "  %s %s (%,d, made by the %s): %s%n", f.status() == 0 ? "-"
                    : f.status(), f.cause(), f.count(), f.source(), f.explanation()));
            if (!f.targets().isEmpty()) {
                out.append("    targets: ").append(String.join(", ", f.targets())).append('\n');
            }
            f.remedies().forEach(r -> out.append("    fix: ").append(r).append('\n'));
        }
        return out.toString();
    }
}
