package dev.fulcrum.testing;

import static org.awaitility.Awaitility.await;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.HealthCheckConfig;
import dev.fulcrum.config.MinimumHealthyTargets;
import dev.fulcrum.config.Protocol;
import dev.fulcrum.config.ProtocolVersion;
import dev.fulcrum.config.TargetConfig;
import dev.fulcrum.config.TargetGroupAttributes;
import dev.fulcrum.config.TargetGroupConfig;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetGroup;
import dev.fulcrum.target.TargetHealth;
import java.time.Duration;
import java.util.List;

/**
 * Health-check configurations built in code, with intervals of a fraction of a second (the YAML validator keeps
 * ALB's 5..300 s for users), and waits on a running balancer's target health.
 */
public final class HealthConfigs {

    public static final Duration INTERVAL = Duration.ofMillis(300);
    /**
     * Longer than the interval (which the YAML validator would refuse): on a loaded machine a loopback check can
     * stall past 250 ms, and a timed-out check changes the path of states a test asserts. No test that uses these
     * checks wants a timeout; the ones about timeouts build their own check.
     */
    public static final Duration TIMEOUT = Duration.ofSeconds(1);

    private HealthConfigs() {
    }

    /** A check of {@code path} every 300 ms (1 s timeout) on the traffic port. */
    public static HealthCheckConfig check(String path, String matcher, int healthyThreshold, int unhealthyThreshold) {
        return new HealthCheckConfig(true, Protocol.HTTP, HealthCheckConfig.TRAFFIC_PORT, path, INTERVAL, TIMEOUT,
                healthyThreshold, unhealthyThreshold, matcher);
    }

    public static TargetGroupAttributes attributes(Algorithm algorithm, Duration deregistrationDelay,
            Duration slowStart) {
        return new TargetGroupAttributes(algorithm, deregistrationDelay, slowStart);
    }

    public static TargetGroupConfig group(String name, HealthCheckConfig check, TargetGroupAttributes attributes,
            List<TargetConfig> targets) {
        return new TargetGroupConfig(name, Protocol.HTTP, ProtocolVersion.HTTP1, 80, attributes, check, targets);
    }

    public static TargetGroupConfig group(String name, HealthCheckConfig check, int... ports) {
        return group(name, check, MinimumHealthyTargets.DEFAULT, ports);
    }

    /** A group of targets {@code 127.0.0.1:port} whose routing failover thresholds are {@code routing}. */
    public static TargetGroupConfig group(String name, HealthCheckConfig check, MinimumHealthyTargets routing,
            int... ports) {
        return group(name, check, TargetGroupAttributes.defaults().withUnhealthyStateRouting(routing),
                java.util.Arrays.stream(ports).mapToObj(TestConfigs::target).toList());
    }

    /** The registered, not draining, target {@code 127.0.0.1:port} of {@code group}. */
    public static Target target(Fulcrum f, String group, int port) {
        TargetGroup g = f.targetGroups().get(group);
        Target t = g.find("127.0.0.1", port);
        if (t == null) {
            throw new AssertionError("no target 127.0.0.1:" + port + " in " + group);
        }
        return t;
    }

    /** Waits (up to 20 s) until the target's health is {@code expected}. */
    public static void awaitHealth(Fulcrum f, String group, int port, TargetHealth expected) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> target(f, group, port).health(), expected::equals);
    }

    /**
     * Waits (up to 20 s) until the group's routing failover is {@code expected}. A target's new health shows a
     * moment before the group publishes what it routes to, so a test that sends requests waits for this.
     */
    public static void awaitFailover(Fulcrum f, String group, boolean expected) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> f.targetGroups().get(group).inFailover() == expected);
    }

    /** Waits (up to 20 s) until the target's state is {@code expected}; returns its health then. */
    public static TargetHealth awaitState(Fulcrum f, String group, int port, TargetHealth.State expected) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10))
                .until(() -> target(f, group, port).health(), h -> h.is(expected));
    }
}
