package dev.fulcrum.target;

import dev.fulcrum.config.TargetGroupConfig;
import dev.fulcrum.core.LbError;
import dev.fulcrum.core.ResourceIds;
import java.util.List;

/** A target group at run time: its configuration, its ARN and its targets. */
public final class TargetGroup {

    private final TargetGroupConfig config;
    private final String arn;
    private final String id;
    private final List<Target> targets;
    private final java.util.concurrent.atomic.AtomicLong rotation = new java.util.concurrent.atomic.AtomicLong();

    TargetGroup(String loadBalancerName, TargetGroupConfig config) {
        this.config = config;
        this.arn = ResourceIds.targetGroupArn(loadBalancerName, config.name());
        this.id = ResourceIds.targetGroupId(loadBalancerName, config.name());
        this.targets = config.targets().stream().map(Target::new).toList();
    }

    public String name() {
        return config.name();
    }

    public TargetGroupConfig config() {
        return config;
    }

    /** {@code arn:aws:elasticloadbalancing:local:000000000000:targetgroup/<name>/<16 hex>}. */
    public String arn() {
        return arn;
    }

    /** The CloudWatch TargetGroup dimension, {@code targetgroup/<name>/<16 hex>}. */
    public String id() {
        return id;
    }

    public List<Target> targets() {
        return targets;
    }

    /** The next position of the group's round-robin rotation, shared by every event loop. */
    public long nextRotation() {
        return rotation.getAndIncrement();
    }

    /** The targets that may receive new requests now. */
    public List<Target> routable() {
        return targets;
    }

    /**
     * Targets counted in HealthyHostCount. Until health checks exist every registered target is in service, as
     * ALB reports a group whose checks are disabled.
     */
    public int healthyTargetCount() {
        return targets.size();
    }

    /** Targets counted in UnHealthyHostCount. */
    public int unhealthyTargetCount() {
        return 0;
    }

    /** Why no target can be picked, given that {@link #routable()} offered none with a positive weight. */
    public LbError unavailableReason() {
        return targets.isEmpty() ? LbError.NO_REGISTERED_TARGETS : LbError.NO_TARGET_WITH_WEIGHT;
    }
}
