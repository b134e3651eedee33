package dev.fulcrum.config;

import java.util.List;
import java.util.Optional;

/** One load balancer: its attributes, its admin endpoint, its listeners and the target groups they route to. */
public record FulcrumConfig(
        LoadBalancerConfig loadBalancer,
        AdminConfig admin,
        List<ListenerConfig> listeners,
        List<TargetGroupConfig> targetGroups) {

    public FulcrumConfig {
        listeners = List.copyOf(listeners);
        targetGroups = List.copyOf(targetGroups);
    }

    public Optional<TargetGroupConfig> targetGroup(String name) {
        return targetGroups.stream().filter(tg -> tg.name().equals(name)).findFirst();
    }
}
