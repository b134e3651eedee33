package dev.fulcrum.testing;

import dev.fulcrum.core.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/**
 * A ticker that moves only when the test steps it; safe to use from other threads (event loops). It counts how
 * often the balancer read it, so a test can wait until the balancer looked at the time before stepping it.
 */
public final class SteppedTicker implements Ticker {

    private volatile long nanos = 1_000_000_000L;
    private final AtomicLong reads = new AtomicLong();

    public void step(Duration d) {
        nanos += d.toNanos();
    }

    @Override
    public long nanoTime() {
        reads.incrementAndGet();
        return nanos;
    }

    /** How many times the balancer read the time so far. */
    public long reads() {
        return reads.get();
    }

    /** Waits (up to 10 s) until the balancer read the time more than {@code before} times. */
    public void awaitReadAfter(long before) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(() -> reads.get() > before);
    }
}
