package dev.fulcrum.core;

/**
 * Monotonic time in nanoseconds for the data path: every timing mark of an exchange (the access log's processing
 * times), the QPS window, a client connection's age and its request-head deadline read it. Injected so that tests
 * step it instead of waiting; production uses {@link #system()}.
 */
@FunctionalInterface
public interface Ticker {

    /** Nanoseconds on an arbitrary origin; only differences mean anything. */
    long nanoTime();

    static Ticker system() {
        return System::nanoTime;
    }
}
