package dev.fulcrum.config;

/** {@code load_balancing.algorithm.type}. */
public enum Algorithm {
    ROUND_ROBIN("round_robin"),
    LEAST_OUTSTANDING_REQUESTS("least_outstanding_requests"),
    WEIGHTED_RANDOM("weighted_random");

    private final String key;

    Algorithm(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
