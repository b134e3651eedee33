package dev.fulcrum.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The spellings the YAML file uses for the enums, in the order problem messages list them. */
final class Choices {

    static final Map<String, XffMode> XFF_MODES = byKey(XffMode.values(), XffMode::key);
    static final Map<String, DesyncMitigationMode> DESYNC_MODES =
            byKey(DesyncMitigationMode.values(), DesyncMitigationMode::key);
    static final Map<String, Algorithm> ALGORITHMS = byKey(Algorithm.values(), Algorithm::key);
    static final Map<String, MutualAuthentication.Mode> MTLS_MODES =
            byKey(MutualAuthentication.Mode.values(), MutualAuthentication.Mode::key);
    static final Map<String, Protocol> PROTOCOLS = byKey(Protocol.values(), Protocol::name);
    static final Map<String, ProtocolVersion> PROTOCOL_VERSIONS =
            byKey(ProtocolVersion.values(), ProtocolVersion::name);

    private Choices() {
    }

    /** {@code HTTP}, the default, or {@code HTTPS} for a listener. */
    static Protocol listenerProtocol(Node node) {
        return node.oneOf(PROTOCOLS).orElse(Protocol.HTTP);
    }

    private static <E> Map<String, E> byKey(E[] values, Function<E, String> key) {
        Map<String, E> map = new LinkedHashMap<>();
        for (E value : values) {
            map.put(key.apply(value), value);
        }
        return Collections.unmodifiableMap(map);
    }
}
