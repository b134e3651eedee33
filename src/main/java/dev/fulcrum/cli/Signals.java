package dev.fulcrum.cli;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT (Ctrl-C) end {@link #awaitStop()} so the caller can stop cleanly and exit 0, instead of the
 * JVM's default exit status 143/130.
 */
public final class Signals {

    private Signals() {
    }

    public static void awaitStop() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        stop.await();
    }

    /**
     * Runs {@code action} (on the JVM's signal thread) each time the process gets SIGHUP; returns what puts the
     * previous handling back, or nothing when the process ignores SIGHUP (started with {@code nohup}): the JVM
     * then keeps it ignored and {@code action} would never run.
     */
    public static Optional<Runnable> onHangup(Runnable action) {
        Signal hup = new Signal("HUP");
        SignalHandler previous = Signal.handle(hup, s -> action.run());
        if (previous == SignalHandler.SIG_IGN) {
            return Optional.empty();
        }
        return Optional.of(() -> Signal.handle(hup, previous));
    }
}
