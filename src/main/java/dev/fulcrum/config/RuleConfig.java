package dev.fulcrum.config;

import java.util.List;

/** A listener rule: all conditions must match, then the actions run. Priority 1..50000, lowest first. */
public record RuleConfig(int priority, List<ConditionConfig> conditions, List<ActionConfig> actions) {

    public static final int MIN_PRIORITY = 1;
    public static final int MAX_PRIORITY = 50_000;
    /** {@code matched_rule_priority} logged when the default actions ran. */
    public static final int DEFAULT_RULE_PRIORITY = 0;

    public RuleConfig {
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
    }
}
