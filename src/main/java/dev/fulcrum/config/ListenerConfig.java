package dev.fulcrum.config;

import java.util.Comparator;
import java.util.List;

/**
 * A listener: where clients connect, and the rules that decide what happens to their requests.
 *
 * @param rules rules sorted by priority, lowest first
 * @param defaultActions the actions when no rule matches (ALB's default rule)
 */
public record ListenerConfig(
        String address,
        int port,
        Protocol protocol,
        List<RuleConfig> rules,
        List<ActionConfig> defaultActions) {

    public static final String DEFAULT_ADDRESS = "0.0.0.0";

    public ListenerConfig {
        rules = rules.stream().sorted(Comparator.comparingInt(RuleConfig::priority)).toList();
        defaultActions = List.copyOf(defaultActions);
    }
}
