package dev.fulcrum.diagnose;

import java.util.Map;
import java.util.TreeMap;

/**
 * Per minute of the log: requests, each error status split between balancer and target, and the target
 * processing times (coarse buckets, a kilobyte a minute: a week of logs stays a few megabytes).
 */
final class MinuteSeries {

    /** One minute. */
    static final class Minute {
        final long epochMinute;
        long requests;
        /** Responses whose status came from a target (a target answered, whatever the status). */
        long responses;
        final Map<Integer, long[]> statuses = new TreeMap<>();
        final LatencyHistogram latency = new LatencyHistogram(3);

        Minute(long epochMinute) {
            this.epochMinute = epochMinute;
        }

        long count(int statusClass, boolean fromTarget) {
            long n = 0;
            for (Map.Entry<Integer, long[]> s : statuses.entrySet()) {
                if (s.getKey() / 100 == statusClass) {
                    n += s.getValue()[fromTarget ? 1 : 0];
                }
            }
            return n;
        }
    }

    private final TreeMap<Long, Minute> minutes = new TreeMap<>();
    private Minute last;

    void add(LogEntry e) {
        long m = Math.floorDiv(e.timeMicros, 60_000_000L);
        if (last == null || last.epochMinute != m) {
            last = minutes.computeIfAbsent(m, Minute::new);
        }
        last.requests++;
        if (e.targetStatus != LogEntry.NONE) {
            last.responses++;
        }
        if (LogEntry.isError(e.elbStatus)) {
            last.statuses.computeIfAbsent(e.elbStatus, s -> new long[2])[e.fromTarget() ? 1 : 0]++;
        }
        if (e.targetMicros >= 0) {
            last.latency.add(e.targetMicros);
        }
    }

    Iterable<Minute> all() {
        return minutes.values();
    }

    int size() {
        return minutes.size();
    }

    /** Responses targets gave in the minutes from {@code fromMicros} to {@code toMicros}, one minute either side. */
    long responsesBetween(long fromMicros, long toMicros) {
        long from = Math.floorDiv(fromMicros, 60_000_000L) - 1;
        long to = Math.floorDiv(toMicros, 60_000_000L) + 1;
        return minutes.subMap(from, true, to, true).values().stream().mapToLong(m -> m.responses).sum();
    }
}
