package dev.fulcrum.diagnose;

/**
 * What the log cannot say: the timeouts that were in force (ALB's defaults unless told: idle 60 s, target connect
 * 10 s; Fulcrum's client_header_timeout 20 s, which ALB has not), and how many of the slowest requests to show.
 */
record Settings(double idleTimeoutSeconds, double connectTimeoutSeconds, double headerTimeoutSeconds, int slowest) {

    static final double DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
    static final double DEFAULT_CONNECT_TIMEOUT_SECONDS = 10;
    static final double DEFAULT_HEADER_TIMEOUT_SECONDS = 20;
    static final int DEFAULT_SLOWEST = 10;

    static Settings defaults() {
        return new Settings(DEFAULT_IDLE_TIMEOUT_SECONDS, DEFAULT_CONNECT_TIMEOUT_SECONDS,
                DEFAULT_HEADER_TIMEOUT_SECONDS, DEFAULT_SLOWEST);
    }

    long idleTimeoutMicros() {
        return Math.round(idleTimeoutSeconds * 1_000_000);
    }
}
