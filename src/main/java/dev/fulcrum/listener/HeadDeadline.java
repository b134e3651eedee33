package dev.fulcrum.listener;

import dev.fulcrum.core.Ticker;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * {@code client_header_timeout}: a request head must arrive whole within the timeout of its first byte. Checked
 * when a read ends with the head still incomplete, so a head that comes in one read (nearly all) costs nothing; a
 * timer is armed only for one that does not, and fires if the client then goes quiet. Used on one connection's
 * event loop.
 */
final class HeadDeadline {

    private final Ticker ticker;
    private final long timeoutNanos;
    private final EventLoop loop;
    /** Whether the connection still waits for this head (no exchange has it, the connection is open). */
    private final BooleanSupplier waiting;
    private final Runnable expired;
    private long startNanos = -1;
    private Future<?> timer;

    HeadDeadline(Ticker ticker, long timeoutNanos, EventLoop loop, BooleanSupplier waiting, Runnable expired) {
        this.ticker = ticker;
        this.timeoutNanos = timeoutNanos;
        this.loop = loop;
        this.waiting = waiting;
        this.expired = expired;
    }

    /** A read ended with the head incomplete: its clock starts now if it has not, and is checked. */
    void check() {
        long now = ticker.nanoTime();
        if (startNanos < 0) {
            startNanos = now;
        }
        long left = timeoutNanos - (now - startNanos);
        if (left <= 0) {
            expired.run();
        } else if (timer == null) {
            timer = loop.schedule(this::onTimer, left, TimeUnit.NANOSECONDS);
        }
    }

    private void onTimer() {
        timer = null;
        if (startNanos >= 0 && waiting.getAsBoolean()) {
            check();
        }
    }

    /** When the head's first byte came (the ticker's), or -1 when no head is in progress. */
    long startNanos() {
        return startNanos;
    }

    /** The head came whole, or the connection ends: no deadline until the next head begins. */
    void clear() {
        startNanos = -1;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
