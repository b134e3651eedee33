package dev.fulcrum.proxy;

import dev.fulcrum.config.ProtocolVersion;
import dev.fulcrum.core.LbError;
import dev.fulcrum.routing.ForwardAction;
import dev.fulcrum.target.RoutableTargets;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Where a forward action sends a request: one of its weighted target groups, then one of that group's routable
 * targets by the group's algorithm, from one snapshot of its health (so the target and whether it was picked in
 * routing failover agree).
 *
 * @param error why no target could be picked, else {@code null}
 */
record Dispatch(TargetGroup group, Target target, boolean inFailover, LbError error) {

    /**
     * @param grpc the request is a gRPC call (HTTP/2 with {@code content-type: application/grpc...}): an HTTP1
     *     group cannot take it (464, seed 002)
     */
    static Dispatch pick(ForwardAction forward, RoutingState state, LoopResources loop, boolean grpc) {
        String name = forward.pickTargetGroup(loop.random());
        if (name == null) {
            return refused(null, LbError.NO_TARGET_WITH_WEIGHT); // every weighted group at 0 (the validator refuses this)
        }
        TargetGroup group = state.targetGroups().get(name);
        if (group == null) {
            return refused(null, LbError.INTERNAL_ERROR); // the validator makes this impossible; never crash the exchange
        }
        // HTTP2 and GRPC groups (HTTP/2 to targets) are not served yet: every request to one is 464, as ALB answers
        // HTTP/1.1 there; a gRPC call to an HTTP1 group is 464 too.
        if (group.config().protocolVersion() != ProtocolVersion.HTTP1 || grpc) {
            return refused(group, LbError.PROTOCOL_VERSION_MISMATCH);
        }
        RoutableTargets routing = group.routing();
        Target picked = loop.balancer(group).pick(routing.targets());
        if (picked == null) {
            return refused(group, routing.unavailableReason());
        }
        return new Dispatch(group, picked, routing.failover(), null);
    }

    /** A gRPC call: its content type is application/grpc, alone or with a suffix (+proto, +json, ;...). */
    static boolean isGrpc(HttpRequest request) {
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return type != null && type.regionMatches(true, 0, "application/grpc", 0, 16)
                && (type.length() == 16 || type.charAt(16) == '+' || type.charAt(16) == ';');
    }

    private static Dispatch refused(TargetGroup group, LbError error) {
        return new Dispatch(group, null, false, error);
    }
}
