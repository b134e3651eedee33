package dev.fulcrum.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Maps {@code loadBalancer} (name and attributes) and {@code admin}. */
final class LoadBalancerMapper {

    private static final List<String> KEYS = List.of("name", "attributes");
    private static final String IDLE_TIMEOUT = "idle_timeout.timeout_seconds";
    private static final String CLIENT_KEEP_ALIVE = "client_keep_alive.seconds";
    private static final String XFF_MODE = "routing.http.xff_header_processing.mode";
    private static final String XFF_CLIENT_PORT = "routing.http.xff_client_port.enabled";
    private static final String PRESERVE_HOST = "routing.http.preserve_host_header.enabled";
    private static final String CONNECT_TIMEOUT = "routing.http.target_connect_timeout_seconds";
    private static final String MAX_BODY = "routing.http.max_request_body_bytes";
    private static final String MAX_RPS = "routing.http.max_requests_per_second";
    private static final String ERROR_REASON_HEADER = "routing.http.error_reason_header.enabled";
    private static final String DROP_INVALID_HEADERS = "routing.http.drop_invalid_header_fields.enabled";
    private static final String CLIENT_HEADER_TIMEOUT = "client_header_timeout.timeout_seconds";
    private static final String MAX_CLIENT_CONNECTIONS = "client_connections.max_per_listener";
    private static final String DESYNC_MODE = "routing.http.desync_mitigation_mode";
    private static final String TLS_HEADERS = "routing.http.x_amzn_tls_version_and_cipher_suite.enabled";
    private static final String HTTP2 = "routing.http2.enabled";
    private static final List<String> ATTRIBUTE_KEYS = Stream.concat(Stream.of(IDLE_TIMEOUT,
            CLIENT_KEEP_ALIVE, XFF_MODE, XFF_CLIENT_PORT, PRESERVE_HOST, CONNECT_TIMEOUT, MAX_BODY, MAX_RPS,
            ERROR_REASON_HEADER, DROP_INVALID_HEADERS, CLIENT_HEADER_TIMEOUT, MAX_CLIENT_CONNECTIONS,
            DESYNC_MODE, TLS_HEADERS, HTTP2),
            AccessLogMapper.KEYS.stream()).toList();
    private static final String UNLIMITED_OR_MORE = "0 for unlimited, or more";

    private static final Pattern LISTEN = Pattern.compile("(?:\\[([^\\]]*)\\]|([^:\\[\\]]*)):([0-9]{1,5})");
    private static final String LISTEN_FORMAT = "host:port with an IP address, e.g. 127.0.0.1:9090 or [::1]:9090";

    private LoadBalancerMapper() {
    }

    static LoadBalancerConfig loadBalancer(Node node) {
        if (!node.isMapOf(KEYS)) {
            return new LoadBalancerConfig(LoadBalancerConfig.DEFAULT_NAME, LoadBalancerAttributes.defaults());
        }
        Node nameNode = node.get("name");
        Optional<String> name = nameNode.string();
        name.flatMap(Names::loadBalancerProblem).ifPresent(nameNode::problem);
        Node attributes = node.get("attributes").scalarsAsText();
        boolean map = attributes.isMapOf(ATTRIBUTE_KEYS);
        return new LoadBalancerConfig(name.orElse(LoadBalancerConfig.DEFAULT_NAME),
                map ? attributes(attributes) : LoadBalancerAttributes.defaults(),
                map ? AccessLogMapper.accessLogs(attributes) : AccessLogAttributes.defaults(),
                map ? AccessLogMapper.connectionLogs(attributes) : ConnectionLogAttributes.defaults());
    }

    /** Reads the attributes from {@code node}, already checked to be a map of known keys. */
    private static LoadBalancerAttributes attributes(Node node) {
        return new LoadBalancerAttributes(
                node.get(IDLE_TIMEOUT).seconds(1, 4000).orElse(LoadBalancerAttributes.DEFAULT_IDLE_TIMEOUT),
                node.get(CLIENT_KEEP_ALIVE).seconds(60, 604_800)
                        .orElse(LoadBalancerAttributes.DEFAULT_CLIENT_KEEP_ALIVE),
                node.get(XFF_MODE).oneOf(Choices.XFF_MODES).orElse(LoadBalancerAttributes.DEFAULT_XFF_MODE),
                node.get(XFF_CLIENT_PORT).bool().orElse(false),
                node.get(PRESERVE_HOST).bool().orElse(false),
                node.get(CONNECT_TIMEOUT).seconds(1, 60)
                        .orElse(LoadBalancerAttributes.DEFAULT_TARGET_CONNECT_TIMEOUT),
                node.get(MAX_BODY).integer(0, Long.MAX_VALUE, UNLIMITED_OR_MORE)
                        .orElse(LoadBalancerAttributes.UNLIMITED),
                (int) node.get(MAX_RPS).integer(0, Integer.MAX_VALUE, UNLIMITED_OR_MORE)
                        .orElse(LoadBalancerAttributes.UNLIMITED),
                node.get(ERROR_REASON_HEADER).bool().orElse(false),
                node.get(DROP_INVALID_HEADERS).bool().orElse(false),
                node.get(CLIENT_HEADER_TIMEOUT).seconds(1, 4000)
                        .orElse(LoadBalancerAttributes.DEFAULT_CLIENT_HEADER_TIMEOUT),
                (int) node.get(MAX_CLIENT_CONNECTIONS).integer(1, 10_000_000, "1..10000000")
                        .orElse(LoadBalancerAttributes.DERIVED),
                node.get(DESYNC_MODE).oneOf(Choices.DESYNC_MODES)
                        .orElse(LoadBalancerAttributes.DEFAULT_DESYNC_MITIGATION_MODE),
                node.get(TLS_HEADERS).bool().orElse(false),
                node.get(HTTP2).bool().orElse(true));
    }

    /** Maps {@code admin}; its socket joins {@code bindings} even when it is the default one. */
    static AdminConfig admin(Node node, Bindings bindings) {
        if (!node.isMapOf(List.of("listen"))) {
            return AdminConfig.defaults();
        }
        Node listen = node.get("listen");
        if (!listen.isPresent()) {
            AdminConfig admin = AdminConfig.defaults();
            IpLiterals.parse(admin.host()).ifPresent(address ->
                    bindings.add(listen, listen.path() + " (default)", admin.host(), address, admin.port()));
            return admin;
        }
        return listen.string().flatMap(text -> parseListen(listen, text, bindings)).orElse(AdminConfig.defaults());
    }

    private static Optional<AdminConfig> parseListen(Node listen, String text, Bindings bindings) {
        Matcher m = LISTEN.matcher(text);
        boolean bracketed = m.matches() && m.group(1) != null;
        String host = !m.matches() ? "" : bracketed ? m.group(1) : m.group(2);
        Optional<byte[]> address = IpLiterals.parse(host);
        // An IPv6 address needs brackets, an IPv4 one must not have them: "::1:9090" would be ambiguous.
        if (address.isEmpty() || bracketed != (address.get().length == 16)) {
            listen.problem(Node.quote(text) + " (expected: " + LISTEN_FORMAT + ")");
            return Optional.empty();
        }
        int port = Integer.parseInt(m.group(3));
        if (port > 65_535) {
            listen.problem(Node.quote(text) + " (expected: a port within 0..65535)");
            return Optional.empty();
        }
        bindings.add(listen, listen.path(), host, address.get(), port);
        return Optional.of(new AdminConfig(host, port));
    }
}
