package dev.fulcrum.diagnose;

/**
 * Durations in microseconds counted in fixed logarithmic buckets (each bucket {@code 2^-precisionBits} wide
 * relative to its value, as HdrHistogram does): percentiles of millions of values in a few kilobytes, exact
 * minimum, maximum and mean beside them. Values from 0 to about 12 days.
 */
final class LatencyHistogram {

    private static final int MAX_BIT = 40;

    private final int bits;
    private final int sub;
    private final int[] counts;
    private long count;
    private long sum;
    private long min = Long.MAX_VALUE;
    private long max;

    /** @param precisionBits 3 (~12%) for per-minute series, 5 (~3%) for targets and totals */
    LatencyHistogram(int precisionBits) {
        this.bits = precisionBits;
        this.sub = 1 << precisionBits;
        this.counts = new int[sub * (MAX_BIT + 2 - precisionBits)];
    }

    void add(long micros) {
        long v = Math.min(Math.max(0, micros), (1L << MAX_BIT) - 1);
        counts[index(v)]++;
        count++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
    }

    private int index(long v) {
        if (v < 2L * sub) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - bits;
        return sub + shift * sub + (int) ((v >> shift) - sub);
    }

    /** The smallest value bucket {@code i} holds. */
    private long lowest(int i) {
        if (i < 2 * sub) {
            return i;
        }
        int shift = i / sub - 1;
        return (long) (i % sub + sub) << shift;
    }

    long count() {
        return count;
    }

    long max() {
        return max;
    }

    long min() {
        return count == 0 ? 0 : min;
    }

    long mean() {
        return count == 0 ? 0 : sum / count;
    }

    /** The value below which {@code q} (0..1) of the values lie, to the bucket's precision; 0 when empty. */
    long percentile(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                long low = lowest(i);
                long high = i + 1 < counts.length ? lowest(i + 1) - 1 : low;
                return Math.max(min, Math.min(max, (low + high) / 2));
            }
        }
        return max;
    }

    /** How many values are at least {@code micros} (to the bucket's precision). */
    long countAtLeast(long micros) {
        long v = Math.min(Math.max(0, micros), (1L << MAX_BIT) - 1);
        long n = 0;
        for (int i = index(v); i < counts.length; i++) {
            n += counts[i];
        }
        return n;
    }
}
