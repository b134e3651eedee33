package dev.fulcrum.config;

/**
 * The load balancer itself: a name (as in {@code app/<name>/<id>}), its attributes and its access-log attributes
 * (the {@code access_logs.*} keys among the attributes, kept apart so each stays small).
 */
public record LoadBalancerConfig(String name, LoadBalancerAttributes attributes, AccessLogAttributes accessLogs) {

    public static final String DEFAULT_NAME = "fulcrum";

    /** A load balancer with access logs off (the default). */
    public LoadBalancerConfig(String name, LoadBalancerAttributes attributes) {
        this(name, attributes, AccessLogAttributes.defaults());
    }

    public LoadBalancerConfig withAccessLogs(AccessLogAttributes value) {
        return new LoadBalancerConfig(name, attributes, value);
    }
}
