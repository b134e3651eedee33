package dev.fulcrum.config;

import java.time.Duration;

/** A target group's attributes, under ALB's keys. */
public record TargetGroupAttributes(
        /* load_balancing.algorithm.type */ Algorithm algorithm,
        /* deregistration_delay.timeout_seconds, 0..3600 */ Duration deregistrationDelay,
        /* slow_start.duration_seconds, 0 or 30..900 */ Duration slowStartDuration,
        /* target_group_health.unhealthy_state_routing.minimum_healthy_targets.{count,percentage} */
        MinimumHealthyTargets unhealthyStateRouting,
        /* target_group_health.dns_failover.minimum_healthy_targets.{count,percentage}: validated, no effect */
        MinimumHealthyTargets dnsFailover) {

    public static final Algorithm DEFAULT_ALGORITHM = Algorithm.ROUND_ROBIN;
    public static final Duration DEFAULT_DEREGISTRATION_DELAY = Duration.ofSeconds(300);
    public static final Duration DEFAULT_SLOW_START = Duration.ZERO;

    /** Attributes with ALB's default target group health thresholds. */
    public TargetGroupAttributes(Algorithm algorithm, Duration deregistrationDelay, Duration slowStartDuration) {
        this(algorithm, deregistrationDelay, slowStartDuration, MinimumHealthyTargets.DEFAULT,
                MinimumHealthyTargets.DEFAULT);
    }

    public static TargetGroupAttributes defaults() {
        return new TargetGroupAttributes(DEFAULT_ALGORITHM, DEFAULT_DEREGISTRATION_DELAY, DEFAULT_SLOW_START);
    }

    public TargetGroupAttributes withAlgorithm(Algorithm algorithm) {
        return new TargetGroupAttributes(algorithm, deregistrationDelay, slowStartDuration, unhealthyStateRouting,
                dnsFailover);
    }

    public TargetGroupAttributes withUnhealthyStateRouting(MinimumHealthyTargets thresholds) {
        return new TargetGroupAttributes(algorithm, deregistrationDelay, slowStartDuration, thresholds, dnsFailover);
    }
}
