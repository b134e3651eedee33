package dev.fulcrum.config;

/** The load balancer itself: a name (as in {@code app/<name>/<id>}) and its attributes. */
public record LoadBalancerConfig(String name, LoadBalancerAttributes attributes) {

    public static final String DEFAULT_NAME = "fulcrum";
}
