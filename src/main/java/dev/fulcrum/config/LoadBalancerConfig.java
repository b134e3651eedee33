package dev.fulcrum.config;

/**
 * The load balancer itself: a name (as in {@code app/<name>/<id>}), its attributes and its access-log and
 * connection-log attributes (the {@code access_logs.*} and {@code connection_logs.*} keys among the attributes,
 * kept apart so each stays small).
 */
public record LoadBalancerConfig(String name, LoadBalancerAttributes attributes, AccessLogAttributes accessLogs,
        ConnectionLogAttributes connectionLogs) {

    public static final String DEFAULT_NAME = "fulcrum";

    /** A load balancer with access and connection logs off (the default). */
    public LoadBalancerConfig(String name, LoadBalancerAttributes attributes) {
        this(name, attributes, AccessLogAttributes.defaults());
    }

    /** A load balancer with connection logs off. */
    public LoadBalancerConfig(String name, LoadBalancerAttributes attributes, AccessLogAttributes accessLogs) {
        this(name, attributes, accessLogs, ConnectionLogAttributes.defaults());
    }

    public LoadBalancerConfig withAccessLogs(AccessLogAttributes value) {
        return new LoadBalancerConfig(name, attributes, value, connectionLogs);
    }

    public LoadBalancerConfig withConnectionLogs(ConnectionLogAttributes value) {
        return new LoadBalancerConfig(name, attributes, accessLogs, value);
    }
}
