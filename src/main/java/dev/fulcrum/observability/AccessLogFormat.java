package dev.fulcrum.observability;

import dev.fulcrum.config.AccessLogAttributes;

/** Writes one exchange record as one access-log line (without the line break). Pure, cheap, thread-safe. */
@FunctionalInterface
public interface AccessLogFormat {

    String format(ExchangeRecord record);

    /** ALB's format, with {@code elb} = {@code app/<loadBalancerName>/<id>}. */
    static AccessLogFormat alb(String loadBalancerName) {
        return new AlbFormat(loadBalancerName, false);
    }

    /** The Classic Load Balancer's format. */
    static AccessLogFormat clb(String loadBalancerName) {
        return new ClbFormat(loadBalancerName);
    }

    /** ALB's fields as one JSON object, under ALB's field names. */
    static AccessLogFormat json(String loadBalancerName) {
        return new AlbFormat(loadBalancerName, true);
    }

    static AccessLogFormat of(AccessLogAttributes.Format format, String loadBalancerName) {
        return switch (format) {
            case ALB -> alb(loadBalancerName);
            case CLB -> clb(loadBalancerName);
            case JSON -> json(loadBalancerName);
        };
    }
}
