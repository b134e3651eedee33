package dev.fulcrum.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The metrics as the troubleshooting guides speak of them: CloudWatch's exact names, summed per load balancer
 * ({@code LoadBalancer} dimension) and per target group ({@code TargetGroup} dimension), plus the Classic Load
 * Balancer's names for the same counts. Values are totals since start (CloudWatch's Sum over all time).
 */
public final class CloudWatchView {

    private CloudWatchView() {
    }

    /** A JSON-ready tree of maps, lists, strings and numbers. */
    public static Map<String, Object> of(CloudWatchMetrics metrics) {
        Map<String, Double> lb = new TreeMap<>();
        Map<String, Map<String, Double>> groups = new TreeMap<>();
        Map<String, List<Timer>> timers = new TreeMap<>();
        for (Meter m : metrics.registry().getMeters()) {
            if (!metrics.loadBalancerId().equals(m.getId().getTag(CloudWatchMetrics.LB))) {
                continue;
            }
            String name = m.getId().getName();
            String group = m.getId().getTag(CloudWatchMetrics.TG);
            if (m instanceof Timer t) {
                timers.computeIfAbsent(group, g -> new ArrayList<>()).add(t);
                continue;
            }
            Double value = value(m);
            if (value == null) {
                continue;
            }
            // Gauges of a group's state, and a count CloudWatch gives per target group only.
            boolean perGroupOnly = CloudWatchMetrics.GROUP_GAUGES.contains(name)
                    || name.equals("RequestCountPerTarget");
            if (!perGroupOnly) {
                lb.merge(name, value, Double::sum);
            }
            if (group != null) {
                groups.computeIfAbsent(group, g -> new TreeMap<>()).merge(name, value, Double::sum);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("namespace", "AWS/ApplicationELB");
        Map<String, Object> lbView = new LinkedHashMap<>();
        lbView.put("LoadBalancer", metrics.loadBalancerId());
        Map<String, Object> lbMetrics = numbers(lb);
        List<Timer> all = timers.values().stream().flatMap(List::stream).toList();
        lbMetrics.put(CloudWatchMetrics.TARGET_RESPONSE_TIME, responseTime(all, false));
        lbView.put("metrics", lbMetrics);
        out.put("loadBalancer", lbView);
        List<Object> groupViews = new ArrayList<>();
        groups.forEach((id, values) -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("LoadBalancer", metrics.loadBalancerId());
            g.put("TargetGroup", id);
            Map<String, Object> gm = numbers(values);
            double requests = values.getOrDefault("RequestCount", 0.0);
            double healthy = values.getOrDefault("HealthyHostCount", 0.0);
            // CloudWatch's RequestCountPerTarget: the group's requests over its healthy targets.
            gm.put("RequestCountPerTarget", healthy > 0 ? requests / healthy : requests);
            gm.put(CloudWatchMetrics.TARGET_RESPONSE_TIME, responseTime(timers.getOrDefault(id, List.of()), true));
            g.put("metrics", gm);
            groupViews.add(g);
        });
        out.put("targetGroups", groupViews);
        out.put("classic", classic(metrics, lb, all));
        return out;
    }

    private static Double value(Meter m) {
        if (m instanceof Counter c) {
            return c.count();
        }
        if (m instanceof FunctionCounter c) {
            return c.count();
        }
        if (m instanceof Gauge g) {
            return g.value();
        }
        return null;
    }

    /** Whole numbers as integers, so counts read as counts. */
    private static Map<String, Object> numbers(Map<String, Double> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v == Math.rint(v) ? (Object) v.longValue() : v));
        return out;
    }

    /** Seconds: Average, Maximum and SampleCount; with percentiles p50/p90/p99 for a single target group. */
    private static Map<String, Object> responseTime(List<Timer> timers, boolean percentiles) {
        long count = 0;
        double total = 0;
        double max = 0;
        Map<String, Object> out = new LinkedHashMap<>();
        for (Timer t : timers) {
            HistogramSnapshot s = t.takeSnapshot();
            count += s.count();
            total += s.total(TimeUnit.SECONDS);
            max = Math.max(max, s.max(TimeUnit.SECONDS));
            if (percentiles) {
                for (ValueAtPercentile p : s.percentileValues()) {
                    out.put("p" + Math.round(p.percentile() * 100), p.value(TimeUnit.SECONDS));
                }
            }
        }
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("SampleCount", count);
        stats.put("Average", count == 0 ? 0.0 : total / count);
        stats.put("Maximum", max);
        stats.putAll(out);
        return stats;
    }

    /** The same counts under the Classic Load Balancer's names (AWS/ELB), for the guides written for it. */
    private static Map<String, Object> classic(CloudWatchMetrics metrics, Map<String, Double> lb, List<Timer> timers) {
        Map<String, Double> c = new TreeMap<>();
        for (int k = 2; k <= 5; k++) {
            c.put("HTTPCode_Backend_" + k + "XX", lb.getOrDefault("HTTPCode_Target_" + k + "XX_Count", 0.0));
        }
        c.put("HTTPCode_ELB_4XX", lb.getOrDefault("HTTPCode_ELB_4XX_Count", 0.0));
        c.put("HTTPCode_ELB_5XX", lb.getOrDefault("HTTPCode_ELB_5XX_Count", 0.0));
        c.put("BackendConnectionErrors", lb.getOrDefault("TargetConnectionErrorCount", 0.0));
        c.put("RequestCount", lb.getOrDefault("RequestCount", 0.0));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("namespace", "AWS/ELB");
        out.put("LoadBalancerName", metrics.loadBalancerId().split("/")[1]);
        Map<String, Object> values = numbers(c);
        values.put("Latency", responseTime(timers, false));
        out.put("metrics", values);
        return out;
    }
}
