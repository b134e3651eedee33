package dev.fulcrum.proxy;

import dev.fulcrum.config.ProtocolVersion;
import dev.fulcrum.core.LbError;
import dev.fulcrum.routing.ForwardAction;
import dev.fulcrum.target.RoutableTargets;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetGroup;

/**
 * Where a forward action sends a request: one of its weighted target groups, then one of that group's routable
 * targets by the group's algorithm, from one snapshot of its health (so the target and whether it was picked in
 * routing failover agree).
 *
 * @param error why no target could be picked, else {@code null}
 */
record Dispatch(TargetGroup group, Target target, boolean inFailover, LbError error) {

    static Dispatch pick(ForwardAction forward, RoutingState state, LoopResources loop) {
        String name = forward.pickTargetGroup(loop.random());
        if (name == null) {
            return refused(null, LbError.NO_TARGET_WITH_WEIGHT); // every weighted group at 0 (the validator refuses this)
        }
        TargetGroup group = state.targetGroups().get(name);
        if (group == null) {
            return refused(null, LbError.INTERNAL_ERROR); // the validator makes this impossible; never crash the exchange
        }
        if (group.config().protocolVersion() != ProtocolVersion.HTTP1) {
            return refused(group, LbError.PROTOCOL_VERSION_MISMATCH);
        }
        RoutableTargets routing = group.routing();
        Target picked = loop.balancer(group).pick(routing.targets());
        if (picked == null) {
            return refused(group, routing.unavailableReason());
        }
        return new Dispatch(group, picked, routing.failover(), null);
    }

    private static Dispatch refused(TargetGroup group, LbError error) {
        return new Dispatch(group, null, false, error);
    }
}
