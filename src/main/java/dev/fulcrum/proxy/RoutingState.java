package dev.fulcrum.proxy;

import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.routing.Router;
import dev.fulcrum.target.TargetGroups;

/**
 * What one listener routes with, swapped whole on a configuration reload: an exchange takes the state current
 * when it starts and keeps it to the end.
 */
public record RoutingState(LoadBalancerAttributes attributes, Router router, TargetGroups targetGroups,
        QpsLimiter qpsLimiter) {

    /** Whether a request arriving at {@code nowNanos} (the data path's ticker) is within the QPS limit, if any. */
    public boolean admits(long nowNanos) {
        return qpsLimiter == null || qpsLimiter.tryAcquire(nowNanos);
    }

    /** A state without QPS limit unless the attributes set one. */
    public static RoutingState of(LoadBalancerAttributes attributes, Router router, TargetGroups targetGroups) {
        QpsLimiter limiter = attributes.maxRequestsPerSecond() > 0
                ? new QpsLimiter(attributes.maxRequestsPerSecond()) : null;
        return new RoutingState(attributes, router, targetGroups, limiter);
    }
}
