package dev.fulcrum.diagnose;

import java.util.Optional;

/**
 * Whether durations bunch up just under a round number of seconds, as they do when something on the way gives up
 * after a fixed time: a client's 10 s timeout, a balancer's 60 s idle timeout, an application's 30 s upstream
 * timeout. A duration counts for a round number R when it lies in {@code [R - max(0.2 s, 2% of R), R + 0.05 s]}.
 */
final class RoundNumbers {

    private static final int[] SECONDS = {1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 45, 50, 60, 90, 100, 120,
        180, 240, 300, 600, 900, 1800, 3600};

    /** A round number and how many durations sat at it. */
    record Cluster(int seconds, long count, long total) {
        double share() {
            return total == 0 ? 0 : count / (double) total;
        }
    }

    private final long[] counts = new long[SECONDS.length];
    private long total;

    void add(long micros) {
        if (micros < 0) {
            return;
        }
        total++;
        for (int i = 0; i < SECONDS.length; i++) {
            long r = SECONDS[i] * 1_000_000L;
            long below = Math.max(200_000L, r / 50);
            if (micros >= r - below && micros <= r + 50_000L) {
                counts[i]++;
            }
        }
    }

    long total() {
        return total;
    }

    /** The round number most durations sat at, when at least {@code minShare} of them (and 2 or more) did. */
    Optional<Cluster> cluster(double minShare) {
        int best = -1;
        for (int i = 0; i < SECONDS.length; i++) {
            if (best < 0 || counts[i] > counts[best]) {
                best = i;
            }
        }
        if (best < 0 || counts[best] < 2 || counts[best] < minShare * total) {
            return Optional.empty();
        }
        return Optional.of(new Cluster(SECONDS[best], counts[best], total));
    }

    /** Whether {@code micros} sits at {@code seconds} in the sense above (for one line). */
    static boolean at(long micros, double seconds) {
        long r = Math.round(seconds * 1_000_000);
        long below = Math.max(200_000L, r / 50);
        return micros >= r - below && micros <= r + Math.max(50_000L, r / 100);
    }
}
