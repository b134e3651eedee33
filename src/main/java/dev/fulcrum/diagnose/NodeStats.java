package dev.fulcrum.diagnose;

import java.util.Map;
import java.util.TreeMap;

/**
 * What one target (or one target group) did: requests, the split of its error statuses between balancer and
 * target, its target_processing_time distribution, when it was first and last seen and last gave a response,
 * and when its last request ended (how long it had been idle before the next).
 */
final class NodeStats {

    final String name;
    String group;
    long requests;
    /** Responses whose status came from the target. */
    long responses;
    long balancerErrors;
    long targetErrors;
    final Map<Integer, long[]> statuses = new TreeMap<>();
    final LatencyHistogram latency = new LatencyHistogram(5);
    long firstMicros = Long.MAX_VALUE;
    long lastMicros = Long.MIN_VALUE;
    long lastResponseMicros = Long.MIN_VALUE;
    private long lastEndMicros = Long.MIN_VALUE;
    /** Minutes in which the target (group) gave responses: for telling throttling from an empty group. */
    private final Map<Long, Long> responsesPerMinute;

    NodeStats(String name, boolean perMinute) {
        this.name = name;
        this.responsesPerMinute = perMinute ? new TreeMap<>() : null;
    }

    /** How long this target had been idle when {@code e} arrived, {@code -1} if unknown; then counts {@code e}. */
    long add(LogEntry e) {
        long start = e.startMicros();
        long gap = lastEndMicros == Long.MIN_VALUE ? -1 : Math.max(0, start - lastEndMicros);
        lastEndMicros = Math.max(lastEndMicros, e.endMicros());
        requests++;
        firstMicros = Math.min(firstMicros, e.timeMicros);
        lastMicros = Math.max(lastMicros, e.timeMicros);
        if (group == null) {
            group = e.targetGroup;
        }
        boolean fromTarget = e.fromTarget();
        if (fromTarget || e.targetStatus != LogEntry.NONE) {
            responses++;
            lastResponseMicros = Math.max(lastResponseMicros, e.timeMicros);
            if (responsesPerMinute != null) {
                responsesPerMinute.merge(Math.floorDiv(e.timeMicros, 60_000_000L), 1L, Long::sum);
            }
        }
        if (e.targetMicros >= 0) {
            latency.add(e.targetMicros);
        }
        if (LogEntry.isError(e.elbStatus)) {
            statuses.computeIfAbsent(e.elbStatus, s -> new long[2])[fromTarget ? 1 : 0]++;
            if (fromTarget) {
                targetErrors++;
            } else {
                balancerErrors++;
            }
        }
        return gap;
    }

    /** Responses given in the minutes from {@code fromMicros} to {@code toMicros}, one minute either side. */
    long responsesBetween(long fromMicros, long toMicros) {
        if (responsesPerMinute == null) {
            return 0;
        }
        long from = Math.floorDiv(fromMicros, 60_000_000L) - 1;
        long to = Math.floorDiv(toMicros, 60_000_000L) + 1;
        return ((TreeMap<Long, Long>) responsesPerMinute).subMap(from, true, to, true).values().stream()
                .mapToLong(Long::longValue).sum();
    }
}
