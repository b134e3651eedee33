package dev.fulcrum.config;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A listener: where clients connect, and the rules that decide what happens to their requests.
 *
 * @param rules rules sorted by priority, lowest first
 * @param defaultActions the actions when no rule matches (ALB's default rule)
 * @param tls the policy and certificates of an HTTPS listener, {@code null} for HTTP
 */
public record ListenerConfig(
        String address,
        int port,
        Protocol protocol,
        List<RuleConfig> rules,
        List<ActionConfig> defaultActions,
        TlsConfig tls) {

    public static final String DEFAULT_ADDRESS = "0.0.0.0";

    public ListenerConfig {
        rules = rules.stream().sorted(Comparator.comparingInt(RuleConfig::priority)).toList();
        defaultActions = List.copyOf(defaultActions);
        if ((protocol == Protocol.HTTPS) != (tls != null)) {
            throw new IllegalArgumentException("an HTTPS listener has TLS settings, an HTTP one none");
        }
    }

    /** An HTTP listener. */
    public ListenerConfig(String address, int port, Protocol protocol, List<RuleConfig> rules,
            List<ActionConfig> defaultActions) {
        this(address, port, protocol, rules, defaultActions, null);
    }

    public Optional<TlsConfig> tlsConfig() {
        return Optional.ofNullable(tls);
    }
}
