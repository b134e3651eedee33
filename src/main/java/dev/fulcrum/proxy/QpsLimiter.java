package dev.fulcrum.proxy;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code routing.http.max_requests_per_second}: at most N requests are admitted in each wall-clock second, over
 * every event loop (Alibaba Cloud ALB's QPS limit; refused requests get 503 with {@code ALB-QPS-Limited}).
 * One atomic word holds the current second and its count, so admission is a lock-free compare-and-set.
 */
public final class QpsLimiter {

    private static final int COUNT_BITS = 24;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private final int limit;
    private final AtomicLong windowAndCount = new AtomicLong();

    public QpsLimiter(int limit) {
        if (limit < 1 || limit > COUNT_MASK) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: 1.." + COUNT_MASK + ")");
        }
        this.limit = limit;
    }

    /** True when a request arriving at {@code nowNanos} (the data path's ticker, whole seconds on its scale) may pass. */
    public boolean tryAcquire(long nowNanos) {
        long second = nowNanos / 1_000_000_000L;
        while (true) {
            long current = windowAndCount.get();
            long window = current >>> COUNT_BITS;
            long count = current & COUNT_MASK;
            long next;
            if (window != (second & (-1L >>> COUNT_BITS))) {
                next = ((second & (-1L >>> COUNT_BITS)) << COUNT_BITS) | 1;
            } else if (count >= limit) {
                return false;
            } else {
                next = current + 1;
            }
            if (windowAndCount.compareAndSet(current, next)) {
                return true;
            }
        }
    }
}
