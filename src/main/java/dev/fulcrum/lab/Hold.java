package dev.fulcrum.lab;

import java.util.concurrent.CountDownLatch;

/**
 * What a scripted target or client waits on where it stalls: released by whoever holds it (a test, a scenario) or
 * when it is closed, never by time running out. A stall that sleeps instead makes its test depend on the sleep
 * outlasting whatever the test waits for.
 */
public final class Hold implements AutoCloseable {

    private final CountDownLatch released = new CountDownLatch(1);

    /**
     * Waits until released. A closing {@link RawTarget} interrupts its scripts, which ends the wait too: a script
     * that waits here never outlives its target.
     */
    public void await() throws InterruptedException {
        released.await();
    }

    public void release() {
        released.countDown();
    }

    /** Releases whoever waits. */
    @Override
    public void close() {
        release();
    }
}
