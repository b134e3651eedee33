package dev.fulcrum.config;

import java.util.List;

/** A target group: the targets a forward action sends to, how they are chosen and how they are checked. */
public record TargetGroupConfig(
        String name,
        Protocol protocol,
        ProtocolVersion protocolVersion,
        int port,
        TargetGroupAttributes attributes,
        HealthCheckConfig healthCheck,
        List<TargetConfig> targets) {

    public static final int DEFAULT_PORT = 80;

    public TargetGroupConfig {
        targets = List.copyOf(targets);
    }
}
