package dev.fulcrum.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps a target group's {@code healthCheck}, with ALB's names, ranges and defaults. */
final class HealthCheckMapper {

    static final String TRAFFIC_PORT = "traffic-port";
    static final int MAX_PATH_LENGTH = 1024;
    static final int MIN_MATCHER_CODE = 200;
    static final int MAX_MATCHER_CODE = 499;

    private static final List<String> KEYS = List.of("enabled", "protocol", "port", "path", "intervalSeconds",
            "timeoutSeconds", "healthyThresholdCount", "unhealthyThresholdCount", "matcher");
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern CODES = Pattern.compile("([0-9]{3})(?:-([0-9]{3}))?");
    private static final String MATCHER_FORMAT = "HTTP codes within " + MIN_MATCHER_CODE + ".." + MAX_MATCHER_CODE
            + " as '200', '200,202' or '200-299'";

    private HealthCheckMapper() {
    }

    /** @param groupProtocol the target group's protocol, the check's when it names none (as ALB) */
    static HealthCheckConfig healthCheck(Node node, Protocol groupProtocol) {
        if (!node.isMapOf(KEYS)) {
            return HealthCheckConfig.defaults().withProtocol(groupProtocol);
        }
        boolean enabled = node.get("enabled").bool().orElse(true);
        Protocol protocol = node.get("protocol").oneOf(Choices.PROTOCOLS).orElse(groupProtocol);
        int port = port(node.get("port"));
        Node pathNode = node.get("path");
        String path = pathNode.string(1, MAX_PATH_LENGTH).filter(p -> {
            if (!p.startsWith("/")) {
                pathNode.problem(Node.quote(p) + " (expected: a path starting with '/')");
            }
            return p.startsWith("/");
        }).orElse(HealthCheckConfig.DEFAULT_PATH);
        Node intervalNode = node.get("intervalSeconds");
        Optional<Duration> interval = intervalNode.seconds(5, 300);
        Node timeoutNode = node.get("timeoutSeconds");
        Optional<Duration> timeout = timeoutNode.seconds(2, 120);
        // ALB refuses a timeout that is not shorter than the interval; defaults count, as ALB applies them too.
        if ((interval.isPresent() || !intervalNode.isPresent()) && (timeout.isPresent() || !timeoutNode.isPresent())) {
            Duration i = interval.orElse(HealthCheckConfig.DEFAULT_INTERVAL);
            Duration t = timeout.orElse(HealthCheckConfig.DEFAULT_TIMEOUT);
            if (t.compareTo(i) >= 0) {
                if (timeoutNode.isPresent()) {
                    timeoutNode.outOfRange(t.toSeconds(), "less than intervalSeconds " + i.toSeconds());
                } else {
                    intervalNode.outOfRange(i.toSeconds(), "more than timeoutSeconds " + t.toSeconds());
                }
            }
        }
        int healthy = node.get("healthyThresholdCount").integer(2, 10)
                .orElse(HealthCheckConfig.DEFAULT_HEALTHY_THRESHOLD);
        int unhealthy = node.get("unhealthyThresholdCount").integer(2, 10)
                .orElse(HealthCheckConfig.DEFAULT_UNHEALTHY_THRESHOLD);
        String matcher = matcher(node.get("matcher")).orElse(HealthCheckConfig.DEFAULT_MATCHER);
        return new HealthCheckConfig(enabled, protocol, port, path, interval.orElse(HealthCheckConfig.DEFAULT_INTERVAL),
                timeout.orElse(HealthCheckConfig.DEFAULT_TIMEOUT), healthy, unhealthy, matcher);
    }

    /** {@code traffic-port} or 1..65535, also as a string as in ALB's API. */
    private static int port(Node node) {
        if (!node.isPresent()) {
            return HealthCheckConfig.TRAFFIC_PORT;
        }
        String text = node.json().isIntegralNumber() || node.json().isTextual() ? node.json().asText() : "";
        if (text.equals(TRAFFIC_PORT)) {
            return HealthCheckConfig.TRAFFIC_PORT;
        }
        if (PORT.matcher(text).matches() && Integer.parseInt(text) <= 65_535) {
            return Integer.parseInt(text);
        }
        node.problem(Node.describe(node.json()) + " (expected: " + TRAFFIC_PORT + " or 1..65535)");
        return HealthCheckConfig.TRAFFIC_PORT;
    }

    /** {@code "200"}, {@code "200,202"}, {@code "200-299"}, or ALB's shape {@code {httpCode: "200-299"}}. */
    private static Optional<String> matcher(Node node) {
        if (node.isPresent() && node.json().isObject()) {
            node.isMapOf(List.of("httpCode"));
            node = node.get("httpCode");
            node.require();
        }
        if (!node.isPresent()) {
            return Optional.empty();
        }
        // An unquoted 200 is a YAML integer; it means the same as "200".
        String text = node.json().isIntegralNumber() ? node.json().asText() : node.string().orElse(null);
        if (text == null) {
            return Optional.empty();
        }
        for (String part : text.split(",", -1)) {
            Matcher m = CODES.matcher(part);
            if (!m.matches() || !inRange(m.group(1)) || m.group(2) != null
                    && (!inRange(m.group(2)) || Integer.parseInt(m.group(2)) < Integer.parseInt(m.group(1)))) {
                node.problem(Node.quote(text) + " (expected: " + MATCHER_FORMAT + ")");
                return Optional.empty();
            }
        }
        return Optional.of(text);
    }

    private static boolean inRange(String code) {
        int value = Integer.parseInt(code);
        return value >= MIN_MATCHER_CODE && value <= MAX_MATCHER_CODE;
    }
}
