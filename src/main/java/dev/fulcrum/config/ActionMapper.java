package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** Maps rule actions and default actions; forward actions must name target groups of the file. */
final class ActionMapper {

    static final int MAX_TARGET_GROUPS = 5;
    static final int MAX_REDIRECT_PART_LENGTH = 128;

    private static final String FORWARD = "forward";
    private static final String REDIRECT = "redirect";
    private static final String FIXED_RESPONSE = "fixed-response";
    private static final Map<String, List<String>> KEYS_BY_TYPE = Map.of(
            FORWARD, List.of("type", "targetGroup", "targetGroups"),
            REDIRECT, List.of("type", "redirect"),
            FIXED_RESPONSE, List.of("type", "fixedResponse"));
    private static final List<String> ALL_KEYS =
            List.of("type", "targetGroup", "targetGroups", "redirect", "fixedResponse");
    private static final List<String> TYPES = List.of(FORWARD, REDIRECT, FIXED_RESPONSE);
    private static final String ONE_ACTION = "exactly one action: forward, redirect or fixed-response";

    private static final List<String> WEIGHTED_KEYS = List.of("name", "weight");
    private static final List<String> REDIRECT_KEYS =
            List.of("protocol", "host", "port", "path", "query", "statusCode");
    private static final List<String> REDIRECT_PROTOCOLS =
            List.of("HTTP", "HTTPS", ActionConfig.Redirect.KEEP_PROTOCOL);
    private static final List<String> REDIRECT_CODES = List.of("HTTP_301", "HTTP_302");
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final List<String> FIXED_KEYS = List.of("statusCode", "contentType", "messageBody");
    private static final Pattern FIXED_STATUS = Pattern.compile("[245][0-9][0-9]");

    private final Set<String> targetGroupNames;

    /** @param targetGroupNames the names of the file's target groups, in file order (for messages) */
    ActionMapper(Set<String> targetGroupNames) {
        this.targetGroupNames = targetGroupNames;
    }

    List<ActionConfig> actions(Node node) {
        List<Node> items = node.requiredList(ONE_ACTION);
        if (items.size() > 1) {
            node.problem(items.size() + " actions (expected: " + ONE_ACTION + ")");
        }
        List<ActionConfig> actions = new ArrayList<>();
        items.forEach(item -> action(item).ifPresent(actions::add));
        return actions;
    }

    private Optional<ActionConfig> action(Node item) {
        Node typeNode = item.get("type");
        String peeked = typeNode.peekText();
        // Keys are checked against the type's own, unless the type itself is wrong: then only that is reported.
        if (!item.isMapOf(peeked == null ? ALL_KEYS : KEYS_BY_TYPE.getOrDefault(peeked, ALL_KEYS))) {
            return Optional.empty();
        }
        typeNode.require();
        return typeNode.oneOf(TYPES).flatMap(type -> switch (type) {
            case FORWARD -> forward(item);
            case REDIRECT -> redirect(item.get("redirect"));
            default -> fixedResponse(item.get("fixedResponse"));
        });
    }

    private Optional<ActionConfig> forward(Node item) {
        Node one = item.get("targetGroup");
        Node many = item.get("targetGroups");
        if (one.isPresent() && many.isPresent()) {
            item.problem("both targetGroup and targetGroups (expected: one of them)");
            return Optional.empty();
        }
        if (!one.isPresent() && !many.isPresent()) {
            item.problem("no target group (expected: targetGroup or targetGroups)");
            return Optional.empty();
        }
        if (one.isPresent()) {
            return name(one).map(name -> new ActionConfig.Forward(List.of(
                    new ActionConfig.WeightedTargetGroup(name, ActionConfig.WeightedTargetGroup.DEFAULT_WEIGHT))));
        }
        String oneToFive = "1.." + MAX_TARGET_GROUPS + " target groups";
        List<Node> items = many.requiredList(oneToFive);
        if (items.size() > MAX_TARGET_GROUPS) {
            many.problem(items.size() + " target groups (expected: " + oneToFive + ")");
        }
        List<ActionConfig.WeightedTargetGroup> groups = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        boolean weightsValid = true;
        for (Node group : items) {
            if (!group.isMapOf(WEIGHTED_KEYS)) {
                continue;
            }
            Node nameNode = group.get("name");
            nameNode.require();
            Optional<String> name = name(nameNode);
            String first = name.map(n -> seen.putIfAbsent(n, nameNode.path())).orElse(null);
            if (first != null) {
                nameNode.problem("duplicate target group " + Node.quote(name.get()) + " (also " + first + ")");
            }
            Node weightNode = group.get("weight");
            OptionalInt weight = weightNode.integer(0, ActionConfig.WeightedTargetGroup.MAX_WEIGHT);
            weightsValid &= weight.isPresent() || !weightNode.isPresent();
            name.ifPresent(n -> groups.add(new ActionConfig.WeightedTargetGroup(n,
                    weight.orElse(ActionConfig.WeightedTargetGroup.DEFAULT_WEIGHT))));
        }
        if (weightsValid && !groups.isEmpty() && groups.stream().allMatch(g -> g.weight() == 0)) {
            many.problem("every weight is 0 (expected: at least one weight above 0)");
        }
        return Optional.of(new ActionConfig.Forward(groups));
    }

    /** A target group name that must name one of the file's target groups. */
    private Optional<String> name(Node node) {
        Optional<String> name = node.string();
        if (name.isPresent() && !targetGroupNames.contains(name.get())) {
            node.problem("no target group named " + Node.quote(name.get()) + " (known: "
                    + (targetGroupNames.isEmpty() ? "none" : String.join(", ", targetGroupNames)) + ")");
        }
        return name;
    }

    private static Optional<ActionConfig> redirect(Node node) {
        if (!node.require() || !node.isMapOf(REDIRECT_KEYS)) {
            return Optional.empty();
        }
        Node protocolNode = node.get("protocol");
        Optional<String> protocol = protocolNode.oneOf(REDIRECT_PROTOCOLS);
        Node hostNode = node.get("host");
        Optional<String> host = hostNode.string(1, MAX_REDIRECT_PART_LENGTH);
        Node portNode = node.get("port");
        Optional<String> port = redirectPort(portNode);
        Node pathNode = node.get("path");
        Optional<String> path = pathNode.string(1, MAX_REDIRECT_PART_LENGTH).filter(p -> startsWith(pathNode, p, "/"));
        Node queryNode = node.get("query");
        Optional<String> query = queryNode.string(0, MAX_REDIRECT_PART_LENGTH).filter(q -> {
            if (q.startsWith("?")) {
                queryNode.problem(Node.quote(q) + " (expected: a query without the leading '?')");
            }
            return !q.startsWith("?");
        });
        Node codeNode = node.get("statusCode");
        codeNode.require();
        Optional<Integer> code =
                codeNode.oneOf(REDIRECT_CODES).map(c -> Integer.parseInt(c.substring("HTTP_".length())));
        // ALB refuses a redirect to the URL it came from; keeping parts that could not be read is no loop.
        if (keeps(protocolNode, protocol, ActionConfig.Redirect.KEEP_PROTOCOL)
                && keeps(hostNode, host, ActionConfig.Redirect.KEEP_HOST)
                && keeps(portNode, port, ActionConfig.Redirect.KEEP_PORT)
                && keeps(pathNode, path, ActionConfig.Redirect.KEEP_PATH)) {
            node.problem("redirect changes nothing (loop)");
        }
        return code.map(status -> new ActionConfig.Redirect(protocol.orElse(null), host.orElse(null),
                port.orElse(null), path.orElse(null), query.orElse(null), status));
    }

    private static Optional<String> redirectPort(Node node) {
        if (!node.isPresent()) {
            return Optional.empty();
        }
        String text = node.json().isIntegralNumber() || node.json().isTextual() ? node.json().asText() : null;
        if (text != null && (text.equals(ActionConfig.Redirect.KEEP_PORT)
                || PORT.matcher(text).matches() && Integer.parseInt(text) <= 65_535)) {
            return Optional.of(text);
        }
        node.problem(Node.describe(node.json()) + " (expected: 1..65535 or " + ActionConfig.Redirect.KEEP_PORT + ")");
        return Optional.empty();
    }

    private static boolean keeps(Node node, Optional<String> value, String keep) {
        return !node.isPresent() || value.filter(keep::equals).isPresent();
    }

    private static boolean startsWith(Node node, String value, String prefix) {
        if (!value.startsWith(prefix)) {
            node.problem(Node.quote(value) + " (expected: a path starting with '" + prefix + "')");
        }
        return value.startsWith(prefix);
    }

    private static Optional<ActionConfig> fixedResponse(Node node) {
        if (!node.require() || !node.isMapOf(FIXED_KEYS)) {
            return Optional.empty();
        }
        Node statusNode = node.get("statusCode");
        statusNode.require();
        Optional<Integer> status = Optional.empty();
        if (statusNode.isPresent()) {
            String text = statusNode.json().isIntegralNumber() || statusNode.json().isTextual()
                    ? statusNode.json().asText() : "";
            if (FIXED_STATUS.matcher(text).matches()) {
                status = Optional.of(Integer.parseInt(text));
            } else {
                statusNode.problem(Node.describe(statusNode.json()) + " (expected: a 2XX, 4XX or 5XX status code)");
            }
        }
        String contentType = node.get("contentType")
                .oneOf(ActionConfig.FixedResponse.CONTENT_TYPES)
                .orElse(ActionConfig.FixedResponse.CONTENT_TYPES.get(0));
        String body = node.get("messageBody").string(0, ActionConfig.FixedResponse.MAX_BODY_CHARS).orElse("");
        return status.map(code -> new ActionConfig.FixedResponse(code, contentType, body));
    }
}
