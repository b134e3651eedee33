package dev.fulcrum.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/** Maps {@code targetGroups}: attributes and targets here, the health check in {@link HealthCheckMapper}. */
final class TargetGroupMapper {

    private static final List<String> KEYS =
            List.of("name", "protocol", "protocolVersion", "port", "attributes", "healthCheck", "targets");
    private static final String ALGORITHM = "load_balancing.algorithm.type";
    private static final String DEREGISTRATION_DELAY = "deregistration_delay.timeout_seconds";
    private static final String SLOW_START = "slow_start.duration_seconds";
    private static final List<String> ATTRIBUTE_KEYS = Stream.concat(
            Stream.of(ALGORITHM, DEREGISTRATION_DELAY, SLOW_START), TargetGroupHealthMapper.KEYS.stream()).toList();
    private static final List<String> TARGET_KEYS = List.of("id", "port", "weight");
    private static final int MIN_SLOW_START_SECONDS = 30;
    private static final int MAX_SLOW_START_SECONDS = 900;

    private TargetGroupMapper() {
    }

    /** The names the file gives its target groups, read before anything refers to them; reports nothing. */
    static Set<String> names(Node node) {
        Set<String> names = new LinkedHashSet<>();
        if (node.isList()) {
            for (int i = 0; i < node.json().size(); i++) {
                if (node.json().get(i).path("name").isTextual()) {
                    names.add(node.json().get(i).path("name").textValue());
                }
            }
        }
        return names;
    }

    static List<TargetGroupConfig> targetGroups(Node node) {
        List<TargetGroupConfig> groups = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (Node item : node.list()) {
            if (item.isMapOf(KEYS)) {
                groups.add(targetGroup(item, names));
            }
        }
        return groups;
    }

    private static TargetGroupConfig targetGroup(Node node, Map<String, String> names) {
        Node nameNode = node.get("name");
        nameNode.require();
        Optional<String> name = nameNode.string();
        name.flatMap(Names::targetGroupProblem).ifPresent(nameNode::problem);
        String first = name.map(n -> names.putIfAbsent(n, nameNode.path())).orElse(null);
        if (first != null) {
            nameNode.problem("duplicate name " + Node.quote(name.get()) + " (also " + first + ")");
        }
        Protocol protocol = node.get("protocol").oneOf(Choices.PROTOCOLS).orElse(Protocol.HTTP);
        ProtocolVersion version = node.get("protocolVersion").oneOf(Choices.PROTOCOL_VERSIONS)
                .orElse(ProtocolVersion.HTTP1);
        int port = node.get("port").integer(1, 65_535).orElse(TargetGroupConfig.DEFAULT_PORT);
        return new TargetGroupConfig(name.orElse(""), protocol, version, port,
                attributes(node.get("attributes").scalarsAsText()),
                HealthCheckMapper.healthCheck(node.get("healthCheck"), protocol),
                targets(node.get("targets"), port));
    }

    private static TargetGroupAttributes attributes(Node node) {
        if (!node.isMapOf(ATTRIBUTE_KEYS)) {
            return TargetGroupAttributes.defaults();
        }
        Algorithm algorithm = node.get(ALGORITHM).oneOf(Choices.ALGORITHMS)
                .orElse(TargetGroupAttributes.DEFAULT_ALGORITHM);
        Duration delay = node.get(DEREGISTRATION_DELAY).seconds(0, 3600)
                .orElse(TargetGroupAttributes.DEFAULT_DEREGISTRATION_DELAY);
        Node slowStartNode = node.get(SLOW_START);
        String slowStartRange = "0 or " + MIN_SLOW_START_SECONDS + ".." + MAX_SLOW_START_SECONDS;
        OptionalLong slowStart = slowStartNode.integer(0, MAX_SLOW_START_SECONDS, slowStartRange);
        if (slowStart.isPresent() && slowStart.getAsLong() > 0 && slowStart.getAsLong() < MIN_SLOW_START_SECONDS) {
            slowStartNode.outOfRange(slowStart.getAsLong(), slowStartRange);
        } else if (slowStart.orElse(0) > 0 && algorithm == Algorithm.LEAST_OUTSTANDING_REQUESTS) {
            slowStartNode.problem(slowStart.getAsLong() + " (expected: 0 with least_outstanding_requests; ALB does"
                    + " not combine slow start with it)");
        }
        Duration slowStartDuration = slowStart.isPresent() ? Duration.ofSeconds(slowStart.getAsLong())
                : TargetGroupAttributes.DEFAULT_SLOW_START;
        MinimumHealthyTargets routing = TargetGroupHealthMapper.unhealthyStateRouting(node);
        return new TargetGroupAttributes(algorithm, delay, slowStartDuration, routing,
                TargetGroupHealthMapper.dnsFailover(node, routing));
    }

    private static List<TargetConfig> targets(Node node, int groupPort) {
        List<TargetConfig> targets = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (Node item : node.list()) {
            if (!item.isMapOf(TARGET_KEYS)) {
                continue;
            }
            Node idNode = item.get("id");
            idNode.require();
            Optional<String> id = idNode.string();
            Optional<byte[]> address = id.flatMap(IpLiterals::parse);
            if (id.isPresent() && address.isEmpty()) {
                idNode.problem(Node.quote(id.get()) + " (expected: an IPv4 or IPv6 address; hostnames are not"
                        + " supported)");
            }
            Node portNode = item.get("port");
            OptionalInt port = portNode.integer(1, 65_535);
            int weight = item.get("weight").integer(0, TargetConfig.MAX_WEIGHT).orElse(TargetConfig.DEFAULT_WEIGHT);
            if (address.isEmpty() || portNode.isPresent() && port.isEmpty()) {
                continue;
            }
            TargetConfig target = new TargetConfig(id.get(), port.orElse(groupPort), weight);
            // Compared as addresses: "::1" and "0:0:0:0:0:0:0:1" are the same target.
            String first = seen.putIfAbsent(Arrays.toString(address.get()) + ":" + target.port(), item.path());
            if (first != null) {
                item.problem("duplicate target " + target.hostPort() + " (also " + first + ")");
            }
            targets.add(target);
        }
        return targets;
    }
}
