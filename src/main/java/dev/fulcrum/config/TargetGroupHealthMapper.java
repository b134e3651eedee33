package dev.fulcrum.config;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Maps a target group's {@code target_group_health.*} attributes: the thresholds of routing failover and of DNS
 * failover, with ALB's ranges, and ALB's rule that DNS failover's never comes before routing failover's.
 */
final class TargetGroupHealthMapper {

    static final String ROUTING = "target_group_health.unhealthy_state_routing.minimum_healthy_targets.";
    static final String DNS = "target_group_health.dns_failover.minimum_healthy_targets.";
    static final String COUNT = "count";
    static final String PERCENTAGE = "percentage";
    static final List<String> KEYS = List.of(ROUTING + COUNT, ROUTING + PERCENTAGE, DNS + COUNT, DNS + PERCENTAGE);

    private static final String OFF = "off";
    private static final Pattern INTEGER_TEXT = Pattern.compile("-?[0-9]+");

    private TargetGroupHealthMapper() {
    }

    /** {@code count} 1..1000 (routing failover cannot be turned off), {@code percentage} off or 1..100. */
    static MinimumHealthyTargets unhealthyStateRouting(Node attributes) {
        Node countNode = attributes.get(ROUTING + COUNT);
        int count = MinimumHealthyTargets.DEFAULT.count();
        if (isOff(countNode)) {
            countNode.problem(Node.describe(countNode.json()) + " (expected: 1.." + MinimumHealthyTargets.MAX_COUNT
                    + "; routing failover cannot be turned off)");
        } else {
            count = countNode.integer(1, MinimumHealthyTargets.MAX_COUNT).orElse(count);
        }
        int percentage = offOr(attributes.get(ROUTING + PERCENTAGE), MinimumHealthyTargets.MAX_PERCENTAGE)
                .orElse(MinimumHealthyTargets.DEFAULT.percentage());
        return new MinimumHealthyTargets(count, percentage);
    }

    /**
     * {@code count} and {@code percentage} off or in range, each at least {@code routing}'s when both are set.
     * Fulcrum has no DNS name, so they change nothing; they are read so that ALB's attributes carry over.
     */
    static MinimumHealthyTargets dnsFailover(Node attributes, MinimumHealthyTargets routing) {
        int count = atLeastRouting(attributes.get(DNS + COUNT), MinimumHealthyTargets.MAX_COUNT, routing.count(),
                COUNT).orElse(MinimumHealthyTargets.DEFAULT.count());
        int percentage = atLeastRouting(attributes.get(DNS + PERCENTAGE), MinimumHealthyTargets.MAX_PERCENTAGE,
                routing.percentage(), PERCENTAGE).orElse(MinimumHealthyTargets.DEFAULT.percentage());
        return new MinimumHealthyTargets(count, percentage);
    }

    /**
     * Off or 1..{@code max}, and when both are set at least {@code routingValue}. A routing value that was itself
     * wrong reads as its default (count 1, percentage off), which never makes a second problem here.
     */
    private static OptionalInt atLeastRouting(Node node, int max, int routingValue, String which) {
        OptionalInt value = offOr(node, max);
        int v = value.orElse(MinimumHealthyTargets.OFF);
        if (v != MinimumHealthyTargets.OFF && routingValue != MinimumHealthyTargets.OFF && v < routingValue) {
            node.problem(v + " (expected: off or at least " + routingValue + ", the unhealthy_state_routing " + which
                    + "; ALB requires the DNS failover threshold to be at least the routing failover one)");
            return OptionalInt.empty();
        }
        return value;
    }

    /**
     * {@code off}, quoted or not: YAML 1.1, which the loader reads, takes an unquoted {@code off} for {@code false}.
     */
    private static boolean isOff(Node node) {
        return OFF.equals(node.peekText()) || node.isPresent() && node.json().isBoolean() && !node.json().booleanValue();
    }

    /** {@code off} ({@link MinimumHealthyTargets#OFF}) or 1..{@code max}, also as a string as in ALB's API. */
    private static OptionalInt offOr(Node node, int max) {
        String expected = OFF + " or 1.." + max;
        if (isOff(node)) {
            return OptionalInt.of(MinimumHealthyTargets.OFF);
        }
        String text = node.peekText();
        if (text != null && !INTEGER_TEXT.matcher(text).matches() || node.isPresent() && node.json().isBoolean()) {
            node.outOfRange(Node.describe(node.json()), expected);
            return OptionalInt.empty();
        }
        OptionalLong value = node.integer(1, max, expected);
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }
}
