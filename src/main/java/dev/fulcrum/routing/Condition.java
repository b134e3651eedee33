package dev.fulcrum.routing;

import dev.fulcrum.config.ConditionConfig;

/** One compiled rule condition. Implementations never throw on request input; a missing part simply does not match. */
interface Condition {

    boolean matches(RequestView request);

    /** Compiles {@code config}, which the validator already accepted. */
    static Condition compile(ConditionConfig config) {
        if (config instanceof ConditionConfig.HostHeader c) {
            return new HostHeaderCondition(c.values());
        }
        if (config instanceof ConditionConfig.PathPattern c) {
            return new PathPatternCondition(c.values());
        }
        if (config instanceof ConditionConfig.HttpHeader c) {
            return new HttpHeaderCondition(c.httpHeaderName(), c.values());
        }
        if (config instanceof ConditionConfig.HttpRequestMethod c) {
            return new HttpRequestMethodCondition(c.values());
        }
        if (config instanceof ConditionConfig.QueryString c) {
            return new QueryStringCondition(c.values());
        }
        if (config instanceof ConditionConfig.SourceIp c) {
            return new SourceIpCondition(c.values());
        }
        throw new IllegalArgumentException("unknown condition: " + config);
    }
}
