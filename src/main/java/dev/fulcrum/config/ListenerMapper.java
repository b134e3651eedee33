package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Maps {@code listeners} with their rules; conditions and actions go to their own mappers. */
final class ListenerMapper {

    private static final List<String> KEYS = List.of("port", "address", "protocol", "sslPolicy", "certificates",
            "mutualAuthentication", "rules", "defaultActions");
    private static final List<String> RULE_KEYS = List.of("priority", "conditions", "actions");

    private final ActionMapper actions;
    private final Bindings bindings;
    private final TlsMapper tls;

    ListenerMapper(ActionMapper actions, Bindings bindings, TlsMapper tls) {
        this.actions = actions;
        this.bindings = bindings;
        this.tls = tls;
    }

    List<ListenerConfig> listeners(Node node) {
        List<ListenerConfig> listeners = new ArrayList<>();
        node.requiredList("at least one listener").forEach(item -> listener(item).ifPresent(listeners::add));
        return listeners;
    }

    private Optional<ListenerConfig> listener(Node node) {
        if (!node.isMapOf(KEYS)) {
            return Optional.empty();
        }
        Node portNode = node.get("port");
        portNode.require();
        OptionalInt port = portNode.integer(0, 65_535);
        Node addressNode = node.get("address");
        String address = addressNode.string().orElse(ListenerConfig.DEFAULT_ADDRESS);
        Optional<byte[]> bytes = IpLiterals.parse(address);
        if (bytes.isEmpty()) {
            addressNode.problem(Node.quote(address) + " (expected: an IPv4 or IPv6 address)");
        }
        Protocol protocol = Choices.listenerProtocol(node.get("protocol"));
        TlsConfig tlsConfig = tls.tls(node, protocol);
        List<RuleConfig> rules = rules(node.get("rules"));
        List<ActionConfig> defaultActions = actions.actions(node.get("defaultActions"));
        if (port.isPresent() && bytes.isPresent()) {
            bindings.add(portNode, node.path(), address, bytes.get(), port.getAsInt());
        }
        if (protocol == Protocol.HTTPS && tlsConfig == null) {
            return Optional.empty(); // its certificates had problems, each reported
        }
        return Optional.of(new ListenerConfig(address, port.orElse(0), protocol, rules, defaultActions, tlsConfig));
    }

    private List<RuleConfig> rules(Node node) {
        List<RuleConfig> rules = new ArrayList<>();
        Map<Integer, String> priorities = new HashMap<>();
        for (Node item : node.list()) {
            if (!item.isMapOf(RULE_KEYS)) {
                continue;
            }
            Node priorityNode = item.get("priority");
            priorityNode.require();
            OptionalInt priority = priorityNode.integer(RuleConfig.MIN_PRIORITY, RuleConfig.MAX_PRIORITY);
            if (priority.isPresent()) {
                String first = priorities.putIfAbsent(priority.getAsInt(), priorityNode.path());
                if (first != null) {
                    priorityNode.problem("duplicate priority " + priority.getAsInt() + " (also " + first + ")");
                }
            }
            List<ConditionConfig> conditions = ConditionMapper.conditions(item.get("conditions"));
            List<ActionConfig> ruleActions = actions.actions(item.get("actions"));
            rules.add(new RuleConfig(priority.orElse(RuleConfig.MIN_PRIORITY), conditions, ruleActions));
        }
        return rules;
    }
}
