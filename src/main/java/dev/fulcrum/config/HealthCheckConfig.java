package dev.fulcrum.config;

import java.time.Duration;

/**
 * A target group's health check, with ALB's defaults.
 *
 * @param port {@code 0} for {@code traffic-port} (each target's own port), else the port to check
 * @param matcher success codes: {@code 200}, a list {@code 200,202} or a range {@code 200-299}
 */
public record HealthCheckConfig(
        boolean enabled,
        Protocol protocol,
        int port,
        String path,
        Duration interval,
        Duration timeout,
        int healthyThresholdCount,
        int unhealthyThresholdCount,
        String matcher) {

    public static final int TRAFFIC_PORT = 0;
    public static final String DEFAULT_PATH = "/";
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_HEALTHY_THRESHOLD = 5;
    public static final int DEFAULT_UNHEALTHY_THRESHOLD = 2;
    public static final String DEFAULT_MATCHER = "200";

    public static HealthCheckConfig defaults() {
        return new HealthCheckConfig(true, Protocol.HTTP, TRAFFIC_PORT, DEFAULT_PATH, DEFAULT_INTERVAL,
                DEFAULT_TIMEOUT, DEFAULT_HEALTHY_THRESHOLD, DEFAULT_UNHEALTHY_THRESHOLD, DEFAULT_MATCHER);
    }

    /** The same check over another protocol (ALB's default is the target group's own). */
    public HealthCheckConfig withProtocol(Protocol p) {
        return new HealthCheckConfig(enabled, p, port, path, interval, timeout, healthyThresholdCount,
                unhealthyThresholdCount, matcher);
    }

    public HealthCheckConfig withEnabled(boolean on) {
        return new HealthCheckConfig(on, protocol, port, path, interval, timeout, healthyThresholdCount,
                unhealthyThresholdCount, matcher);
    }
}
