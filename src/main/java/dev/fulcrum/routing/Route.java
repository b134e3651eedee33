package dev.fulcrum.routing;

import dev.fulcrum.config.RuleConfig;

/**
 * The outcome of routing one request.
 *
 * @param priority the matched rule's priority, {@link RuleConfig#DEFAULT_RULE_PRIORITY} when the default actions ran
 * @param action what to do with the request
 */
public record Route(int priority, Action action) {
}
