package dev.fulcrum.diagnose;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The error lines that share a status, a {@link Signature}, an error_reason and a target (or, for a 503 before any
 * target, a target group): the unit the evidence rules judge. Bounded state: counts, a coarse duration histogram,
 * a few paths.
 */
final class Part {

    /** What makes lines one part. {@code who} is the target, the group of a 503, or {@code null}. */
    record Key(int status, Signature signature, String reason, String who) {
    }

    private static final int PATHS = 16;
    private static final long GAP_MICROS = 1_000_000;

    final Key key;
    long count;
    long firstMicros = Long.MAX_VALUE;
    long lastMicros = Long.MIN_VALUE;
    /** Durations: the balancer's elapsed time, or the target's processing time for a target's own status. */
    final LatencyHistogram durations = new LatencyHistogram(4);
    final RoundNumbers rounds = new RoundNumbers();
    /** Lines whose target had been idle for a second or more before the request. */
    long afterIdleGap;
    long shortestIdleGapMicros = Long.MAX_VALUE;
    final Map<String, Long> paths = new HashMap<>();
    final Map<String, Long> classifications = new TreeMap<>();
    final Map<String, Long> phases = new TreeMap<>();
    String group;

    Part(Key key) {
        this.key = key;
    }

    /** @param gapMicros how long the line's target had been idle before it, {@code -1} if unknown */
    void add(LogEntry e, long gapMicros) {
        count++;
        firstMicros = Math.min(firstMicros, e.timeMicros);
        lastMicros = Math.max(lastMicros, e.timeMicros);
        long duration = key.signature() == Signature.TARGET_MADE ? e.targetMicros : e.elapsedMicros();
        if (duration >= 0) {
            durations.add(duration);
            rounds.add(duration);
        }
        if (gapMicros >= GAP_MICROS) {
            afterIdleGap++;
            shortestIdleGapMicros = Math.min(shortestIdleGapMicros, gapMicros);
        }
        String path = e.path();
        if (path != null && (paths.size() < PATHS || paths.containsKey(path))) {
            paths.merge(path, 1L, Long::sum);
        }
        if (e.classification != null) {
            classifications.merge(e.classification + ":" + (e.classificationReason == null ? "-"
                    : e.classificationReason), 1L, Long::sum);
        }
        if (e.errorPhase != null) {
            phases.merge(e.errorPhase, 1L, Long::sum);
        }
        if (group == null) {
            group = e.targetGroup;
        }
    }

    /** The path most of the lines asked for, with its count, or {@code null}. */
    Map.Entry<String, Long> topPath() {
        return paths.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
    }

    /** How many lines desync mitigation classified {@code tier} (Severe, Ambiguous, Acceptable). */
    long classified(String tier) {
        return classifications.entrySet().stream().filter(c -> c.getKey().startsWith(tier + ":"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
