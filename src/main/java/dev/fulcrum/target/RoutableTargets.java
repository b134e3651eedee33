package dev.fulcrum.target;

import dev.fulcrum.config.MinimumHealthyTargets;
import dev.fulcrum.core.LbError;
import dev.fulcrum.target.TargetHealth.State;
import java.util.List;

/**
 * Where a target group sends new requests now, and whether that is routing failover: one immutable snapshot, so
 * that an exchange picks its target and learns the group's state from the same moment.
 *
 * <pre>
 * in service (healthy, or checks disabled) meet the thresholds  -> the in-service targets
 * none in service, some initial                                 -> the initial ones (a group still starting)
 * otherwise, thresholds breached                                -> failover: every active target
 * </pre>
 *
 * Active targets are the registered ones that are neither draining nor unused. With ALB's default threshold (one
 * healthy target) failover is the fail-open of a group whose targets are all unhealthy.
 *
 * @param targets the targets that may receive new requests
 * @param failover whether the group is in routing failover (UnhealthyStateRouting): its healthy targets are below
 *     {@code unhealthy_state_routing}'s thresholds, and requests go to unhealthy targets too
 * @param healthy the group's targets in service, as HealthyHostCount counts them
 * @param active the group's active targets, those the percentage threshold is a share of
 */
public record RoutableTargets(List<Target> targets, boolean failover, int healthy, int active) {

    static final RoutableTargets NONE = new RoutableTargets(List.of(), false, 0, 0);

    public RoutableTargets {
        targets = List.copyOf(targets);
    }

    /** What {@code registered} (draining ones included) offer under {@code thresholds}. */
    static RoutableTargets of(List<Target> registered, MinimumHealthyTargets thresholds) {
        List<Target> active = registered.stream().filter(t -> !t.health().is(State.DRAINING)
                && !t.health().is(State.UNUSED)).toList();
        List<Target> serving = active.stream().filter(t -> inService(t.health())).toList();
        if (!thresholds.breachedBy(serving.size(), active.size())) {
            return new RoutableTargets(serving, false, serving.size(), active.size());
        }
        List<Target> initial = active.stream().filter(t -> t.health().is(State.INITIAL)).toList();
        if (serving.isEmpty() && !initial.isEmpty()) {
            return new RoutableTargets(initial, false, 0, active.size());
        }
        return new RoutableTargets(active, !active.isEmpty(), serving.size(), active.size());
    }

    /** Healthy, or health checks disabled: in service, as ALB counts such targets. */
    static boolean inService(TargetHealth h) {
        return h.is(State.HEALTHY) || h.is(State.UNAVAILABLE);
    }

    /** Why no target can be picked, given that {@link #targets()} offered none with a positive weight. */
    public LbError unavailableReason() {
        return targets.isEmpty() ? LbError.NO_REGISTERED_TARGETS : LbError.NO_TARGET_WITH_WEIGHT;
    }
}
