package dev.fulcrum.routing;

import dev.fulcrum.config.ActionConfig;
import dev.fulcrum.config.ConditionConfig;
import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.config.Protocol;
import dev.fulcrum.config.RuleConfig;
import java.util.Arrays;
import java.util.List;

/** Small builders for listener configs in routing tests. */
final class Rules {

    static final ActionConfig DEFAULT_ACTION = new ActionConfig.FixedResponse(404, "text/plain", "no rule");

    private Rules() {
    }

    static RuleConfig rule(int priority, String body, ConditionConfig... conditions) {
        return new RuleConfig(priority, Arrays.asList(conditions),
                List.of(new ActionConfig.FixedResponse(200, "text/plain", body)));
    }

    static Router router(RuleConfig... rules) {
        return Router.compile(new ListenerConfig("127.0.0.1", 80, Protocol.HTTP, Arrays.asList(rules),
                List.of(DEFAULT_ACTION)));
    }

    /** Whether a single rule with {@code condition} matches {@code request}. */
    static boolean matches(ConditionConfig condition, RequestView request) {
        return router(rule(1, "matched", condition)).route(request).priority() == 1;
    }

    static ConditionConfig.HostHeader host(String... values) {
        return new ConditionConfig.HostHeader(List.of(values));
    }

    static ConditionConfig.PathPattern path(String... values) {
        return new ConditionConfig.PathPattern(List.of(values));
    }

    static ConditionConfig.HttpHeader header(String name, String... values) {
        return new ConditionConfig.HttpHeader(name, List.of(values));
    }

    static ConditionConfig.HttpRequestMethod method(String... values) {
        return new ConditionConfig.HttpRequestMethod(List.of(values));
    }

    static ConditionConfig.QueryString query(ConditionConfig.KeyValue... values) {
        return new ConditionConfig.QueryString(List.of(values));
    }

    static ConditionConfig.KeyValue pair(String key, String value) {
        return new ConditionConfig.KeyValue(key, value);
    }

    static ConditionConfig.SourceIp sourceIp(String... values) {
        return new ConditionConfig.SourceIp(List.of(values));
    }
}
