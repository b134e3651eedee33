package dev.fulcrum.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition ({@code name{label="value",...} 12.0}), summed by name and by the
 * labels asked for: what {@code --live} reads from {@code GET /metrics}.
 */
final class PrometheusCounters {

    /** One sample: its metric name, labels and value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusCounters(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusCounters parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace >= 0 && brace < space) {
                int close = line.lastIndexOf('}', space);
                for (String pair : line.substring(brace + 1, Math.max(brace + 1, close)).split("\",")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        labels.put(pair.substring(0, eq), pair.substring(eq + 1).replace("\"", ""));
                    }
                }
            }
            try {
                samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1).trim())));
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return new PrometheusCounters(samples);
    }

    double total(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).sum();
    }

    /** The samples of {@code name} summed by the value of {@code label}. */
    Map<String, Double> by(String name, String label) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (Sample s : samples) {
            if (s.name().equals(name) && s.labels().containsKey(label)) {
                out.merge(s.labels().get(label), s.value(), Double::sum);
            }
        }
        return out;
    }

    /** What changed since {@code before} (a counter that went down restarted: its value is the change). */
    PrometheusCounters since(PrometheusCounters before) {
        if (before == null) {
            return this;
        }
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            double was = before.samples.stream().filter(b -> b.name().equals(s.name()) && b.labels().equals(s.labels()))
                    .mapToDouble(Sample::value).findFirst().orElse(0);
            out.add(new Sample(s.name(), s.labels(), s.value() >= was ? s.value() - was : s.value()));
        }
        return new PrometheusCounters(out);
    }
}
