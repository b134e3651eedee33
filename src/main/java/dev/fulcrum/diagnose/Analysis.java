package dev.fulcrum.diagnose;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything diagnose keeps while the lines stream past, all of it bounded: the split of each status between
 * balancer and target, counts per minute, per target and per target group, error_reason and classification
 * counts, latency histograms, the slowest requests, and the error lines grouped into {@link Part}s for the
 * evidence rules. Memory grows with the number of targets and minutes, never with the number of lines.
 */
final class Analysis {

    /** Beyond this many targets (or parts), new ones are counted together: a runaway log cannot exhaust memory. */
    static final int MAX_NODES = 10_000;
    static final String OTHER = "(other)";

    final Settings settings;
    long entries;
    long firstMicros = Long.MAX_VALUE;
    long lastMicros = Long.MIN_VALUE;
    /** Per status: {balancer, target}. */
    final Map<Integer, long[]> statuses = new TreeMap<>();
    final Map<String, Long> errorReasons = new TreeMap<>();
    final Map<String, Long> classifications = new TreeMap<>();
    final Map<String, NodeStats> targets = new HashMap<>();
    final Map<String, NodeStats> groups = new HashMap<>();
    final Map<Part.Key, Part> parts = new HashMap<>();
    final MinuteSeries minutes = new MinuteSeries();
    final LatencyHistogram latency = new LatencyHistogram(5);
    /** How long targets had been idle before requests that they answered: the keep-alive evidence. */
    final LatencyHistogram answeredGaps = new LatencyHistogram(4);
    final SlowestRequests slowest;
    /** Paths of one answered request in {@link #PATH_SAMPLE}: where the traffic goes, to compare errors with. */
    final Map<String, Long> answeredPaths = new HashMap<>();
    long answeredSampled;
    private long answered;
    private static final int PATH_SAMPLE = 8;

    Analysis(Settings settings) {
        this.settings = settings;
        this.slowest = new SlowestRequests(settings.slowest());
    }

    void accept(LogEntry e) {
        entries++;
        firstMicros = Math.min(firstMicros, e.timeMicros);
        lastMicros = Math.max(lastMicros, e.timeMicros);
        minutes.add(e);
        boolean fromTarget = e.fromTarget();
        if (e.elbStatus > 0) {
            statuses.computeIfAbsent(e.elbStatus, s -> new long[2])[fromTarget ? 1 : 0]++;
        }
        long gap = -1;
        if (e.target != null) {
            gap = node(targets, e.target, false).add(e);
            if (e.targetStatus != LogEntry.NONE && gap >= 0) {
                answeredGaps.add(gap);
            }
        }
        if (e.targetGroup != null) {
            node(groups, e.targetGroup, true).add(e);
        }
        if (e.targetMicros >= 0) {
            latency.add(e.targetMicros);
        }
        if (e.targetStatus != LogEntry.NONE && answered++ % PATH_SAMPLE == 0) {
            samplePath(e.path());
        }
        if (e.errorReason != null) {
            errorReasons.merge(e.elbStatus + " " + e.errorReason, 1L, Long::sum);
        }
        if (e.classification != null) {
            classifications.merge(e.classification + " " + (e.classificationReason == null ? "-"
                    : e.classificationReason), 1L, Long::sum);
        }
        if (LogEntry.isError(e.elbStatus) && (!fromTarget || e.elbStatus >= 500)) {
            part(e, fromTarget).add(e, gap);
        }
        slowest.offer(e);
    }

    private void samplePath(String path) {
        if (path == null) {
            return;
        }
        answeredSampled++;
        if (answeredPaths.size() < MAX_NODES || answeredPaths.containsKey(path)) {
            answeredPaths.merge(path, 1L, Long::sum);
        }
    }

    /** The share of answered requests that asked for {@code path} (from the sample). */
    double answeredShare(String path) {
        return answeredSampled == 0 ? 0 : answeredPaths.getOrDefault(path, 0L) / (double) answeredSampled;
    }

    private Part part(LogEntry e, boolean fromTarget) {
        Signature signature = fromTarget ? Signature.TARGET_MADE : Signature.ofBalancerError(e, settings);
        String who = e.target != null ? e.target : signature == Signature.NO_TARGET ? e.targetGroup : null;
        Part.Key key = new Part.Key(e.elbStatus, signature, e.errorReason, who);
        Part p = parts.get(key);
        if (p == null) {
            if (parts.size() >= MAX_NODES) {
                key = new Part.Key(e.elbStatus, signature, e.errorReason, OTHER);
                return parts.computeIfAbsent(key, Part::new);
            }
            p = new Part(key);
            parts.put(key, p);
        }
        return p;
    }

    private static NodeStats node(Map<String, NodeStats> nodes, String name, boolean perMinute) {
        NodeStats n = nodes.get(name);
        if (n == null) {
            String key = nodes.size() >= MAX_NODES ? OTHER : name;
            n = nodes.computeIfAbsent(key, k -> new NodeStats(k, perMinute));
        }
        return n;
    }

    Collection<Part> parts() {
        return parts.values();
    }

    /** Targets that received requests. */
    int targetCount() {
        return targets.size();
    }

    long errors(int statusClass, boolean fromTarget) {
        long n = 0;
        for (Map.Entry<Integer, long[]> s : statuses.entrySet()) {
            if (s.getKey() / 100 == statusClass) {
                n += s.getValue()[fromTarget ? 1 : 0];
            }
        }
        return n;
    }
}
