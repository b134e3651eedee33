package dev.fulcrum.diagnose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The N requests the balancer held longest, kept in a bounded heap (the line's text copied only for those). */
final class SlowestRequests {

    /** One slow request. Times in microseconds; {@code targetMicros} -1 when not reached. */
    record Slow(long timeMicros, long elapsedMicros, long targetMicros, int status, int targetStatus, String target,
            String request) {
    }

    private final int size;
    private final PriorityQueue<Slow> heap = new PriorityQueue<>(Comparator.comparingLong(Slow::elapsedMicros));

    SlowestRequests(int size) {
        this.size = size;
    }

    void offer(LogEntry e) {
        if (size <= 0) {
            return;
        }
        long elapsed = e.elapsedMicros();
        if (elapsed < 0 || (heap.size() == size && elapsed <= heap.peek().elapsedMicros())) {
            return;
        }
        String request = e.method == null ? "- - -" : e.method + " " + e.url + " " + e.protocol;
        heap.add(new Slow(e.timeMicros, elapsed, e.targetMicros, e.elbStatus, e.targetStatus, e.target, request));
        if (heap.size() > size) {
            heap.poll();
        }
    }

    /** Slowest first. */
    List<Slow> list() {
        List<Slow> all = new ArrayList<>(heap);
        all.sort(Comparator.comparingLong(Slow::elapsedMicros).reversed());
        return all;
    }
}
