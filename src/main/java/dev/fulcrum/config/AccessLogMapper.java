package dev.fulcrum.config;

import java.util.List;
import java.util.Map;

/** Maps the {@code access_logs.*} and {@code connection_logs.*} keys of {@code loadBalancer.attributes}. */
final class AccessLogMapper {

    static final String ENABLED = "access_logs.enabled";
    static final String PATH = "access_logs.path";
    static final String FORMAT = "access_logs.format";
    static final String INTERVAL = "access_logs.interval_minutes";
    static final String COMPRESS = "access_logs.compress";
    static final String CONNECTION_LOGS_ENABLED = "connection_logs.enabled";
    static final String CONNECTION_LOGS_PATH = "connection_logs.path";
    static final List<String> KEYS = List.of(ENABLED, PATH, FORMAT, INTERVAL, COMPRESS, CONNECTION_LOGS_ENABLED,
            CONNECTION_LOGS_PATH);
    private static final Map<String, AccessLogAttributes.Format> FORMATS = Map.of(
            "alb", AccessLogAttributes.Format.ALB, "clb", AccessLogAttributes.Format.CLB,
            "json", AccessLogAttributes.Format.JSON);

    private AccessLogMapper() {
    }

    /** Reads the keys from {@code attributes}, already checked to be a map of known keys. */
    static AccessLogAttributes accessLogs(Node attributes) {
        AccessLogAttributes d = AccessLogAttributes.defaults();
        Node intervalNode = attributes.get(INTERVAL);
        int interval = (int) intervalNode.integer(5, 60, "5 or 60").orElse(d.intervalMinutes());
        if (interval != 5 && interval != 60) {
            intervalNode.outOfRange(interval, "5 or 60");
            interval = d.intervalMinutes();
        }
        return new AccessLogAttributes(
                attributes.get(ENABLED).bool().orElse(d.enabled()),
                attributes.get(PATH).string(1, 4096).orElse(d.path()),
                attributes.get(FORMAT).oneOf(List.of("alb", "clb", "json")).map(FORMATS::get).orElse(d.format()),
                interval,
                attributes.get(COMPRESS).bool().orElse(d.compress()));
    }

    /** Reads the {@code connection_logs.*} keys from {@code attributes}, already checked to be a map of known keys. */
    static ConnectionLogAttributes connectionLogs(Node attributes) {
        ConnectionLogAttributes d = ConnectionLogAttributes.defaults();
        return new ConnectionLogAttributes(attributes.get(CONNECTION_LOGS_ENABLED).bool().orElse(d.enabled()),
                attributes.get(CONNECTION_LOGS_PATH).string(1, 4096).orElse(d.path()));
    }
}
