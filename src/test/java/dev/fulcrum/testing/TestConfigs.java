package dev.fulcrum.testing;

import dev.fulcrum.config.ActionConfig;
import dev.fulcrum.config.AdminConfig;
import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.ConditionConfig;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.HealthCheckConfig;
import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.config.LoadBalancerConfig;
import dev.fulcrum.config.Protocol;
import dev.fulcrum.config.ProtocolVersion;
import dev.fulcrum.config.RuleConfig;
import dev.fulcrum.config.TargetConfig;
import dev.fulcrum.config.TargetGroupAttributes;
import dev.fulcrum.config.TargetGroupConfig;
import java.util.Arrays;
import java.util.List;

/** Configurations built in code for tests: listener on 127.0.0.1 port 0, groups of fake targets. */
public final class TestConfigs {

    /**
     * Health checks off: tests about the data path must not see check requests arrive at their targets at random
     * moments. Health-check tests build their own {@link HealthCheckConfig}.
     */
    public static final HealthCheckConfig NO_HEALTH_CHECK = HealthCheckConfig.defaults().withEnabled(false);

    private TestConfigs() {
    }

    public static FulcrumConfig config(LoadBalancerAttributes attributes, ListenerConfig listener,
            TargetGroupConfig... groups) {
        return new FulcrumConfig(new LoadBalancerConfig("test-lb", attributes), new AdminConfig("127.0.0.1", 0),
                List.of(listener), List.of(groups));
    }

    /** One listener forwarding everything to {@code group}. */
    public static FulcrumConfig forwardingTo(TargetGroupConfig group) {
        return config(LoadBalancerAttributes.defaults(), listener(List.of(), forward(group.name())), group);
    }

    public static ListenerConfig listener(List<RuleConfig> rules, ActionConfig defaultAction) {
        return new ListenerConfig("127.0.0.1", 0, Protocol.HTTP, rules, List.of(defaultAction));
    }

    public static RuleConfig rule(int priority, ActionConfig action, ConditionConfig... conditions) {
        return new RuleConfig(priority, List.of(conditions), List.of(action));
    }

    public static ActionConfig forward(String group) {
        return new ActionConfig.Forward(List.of(new ActionConfig.WeightedTargetGroup(group, 1)));
    }

    public static ActionConfig forwardWeighted(ActionConfig.WeightedTargetGroup... groups) {
        return new ActionConfig.Forward(Arrays.asList(groups));
    }

    public static TargetGroupConfig group(String name, FakeTarget... targets) {
        return group(name, Algorithm.ROUND_ROBIN, Arrays.stream(targets).map(t -> target(t, 100)).toList());
    }

    public static TargetGroupConfig group(String name, Algorithm algorithm, List<TargetConfig> targets) {
        return new TargetGroupConfig(name, Protocol.HTTP, ProtocolVersion.HTTP1, 80,
                TargetGroupAttributes.defaults().withAlgorithm(algorithm), NO_HEALTH_CHECK, targets);
    }

    public static TargetConfig target(FakeTarget t, int weight) {
        return new TargetConfig("127.0.0.1", t.port(), weight);
    }

    public static TargetConfig target(int port) {
        return new TargetConfig("127.0.0.1", port, 100);
    }
}
