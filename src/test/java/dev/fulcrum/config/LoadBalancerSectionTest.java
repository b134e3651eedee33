package dev.fulcrum.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LoadBalancerSectionTest {

    private static String attribute(String key, String value) {
        return Yaml.withSections("loadBalancer:\n  attributes:\n    " + key + ": " + value + "\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            idle_timeout.timeout_seconds                | 0       | 1..4000
            idle_timeout.timeout_seconds                | 4001    | 1..4000
            client_keep_alive.seconds                   | 59      | 60..604800
            client_keep_alive.seconds                   | 604801  | 60..604800
            routing.http.target_connect_timeout_seconds | 0       | 1..60
            routing.http.target_connect_timeout_seconds | 61      | 1..60
            routing.http.max_request_body_bytes         | -1      | 0 for unlimited, or more
            routing.http.max_requests_per_second        | -1      | 0 for unlimited, or more
            """)
    void reportsAnAttributeOutsideItsRangeWithTheRange(String key, String value, String range) {
        assertThat(Yaml.problems(attribute(key, value)))
                .containsExactly("loadBalancer.attributes." + key + ": " + value + " (expected: " + range + ")");
    }

    @Test
    void acceptsTheEdgesOfEachRange() {
        LoadBalancerAttributes low = Yaml.load(Yaml.withSections("""
                loadBalancer:
                  attributes:
                    idle_timeout.timeout_seconds: 1
                    client_keep_alive.seconds: 60
                    routing.http.target_connect_timeout_seconds: 1
                """)).loadBalancer().attributes();
        LoadBalancerAttributes high = Yaml.load(Yaml.withSections("""
                loadBalancer:
                  attributes:
                    idle_timeout.timeout_seconds: 4000
                    client_keep_alive.seconds: 604800
                    routing.http.target_connect_timeout_seconds: 60
                """)).loadBalancer().attributes();

        assertThat(low.idleTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(low.clientKeepAlive()).isEqualTo(Duration.ofSeconds(60));
        assertThat(low.targetConnectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(high.idleTimeout()).isEqualTo(Duration.ofSeconds(4000));
        assertThat(high.clientKeepAlive()).isEqualTo(Duration.ofSeconds(604_800));
        assertThat(high.targetConnectTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void acceptsAttributeValuesWrittenAsStringsAsInAlbsApi() {
        LoadBalancerAttributes attributes = Yaml.load(Yaml.withSections("""
                loadBalancer:
                  attributes:
                    idle_timeout.timeout_seconds: "300"
                    routing.http.preserve_host_header.enabled: "true"
                """)).loadBalancer().attributes();

        assertThat(attributes.idleTimeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(attributes.preserveHostHeader()).isTrue();
    }

    @Test
    void reportsAttributeValuesOfTheWrongType() {
        assertThat(Yaml.problems(Yaml.withSections("""
                loadBalancer:
                  attributes:
                    idle_timeout.timeout_seconds: 1m
                    routing.http.xff_client_port.enabled: "yes"
                    routing.http.error_reason_header.enabled: [true]
                    routing.http.xff_header_processing.mode: APPEND
                """))).containsExactly(
                "loadBalancer.attributes.idle_timeout.timeout_seconds: expected an integer, got '1m'",
                "loadBalancer.attributes.routing.http.xff_header_processing.mode: 'APPEND' (expected one of: append,"
                        + " preserve, remove)",
                "loadBalancer.attributes.routing.http.xff_client_port.enabled: expected true or false, got 'yes'",
                "loadBalancer.attributes.routing.http.error_reason_header.enabled: expected true or false, got a"
                        + " list");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "shop-1", "A1234567890123456789012345678901"})
    void acceptsLoadBalancerNamesThatAlbAccepts(String name) {
        assertThat(Yaml.load(Yaml.withSections("loadBalancer: {name: " + name + "}\n")).loadBalancer().name())
                .isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"''", "-shop", "shop-", "shop_1", "shop.io", "A12345678901234567890123456789012"})
    void reportsLoadBalancerNamesThatAlbRefuses(String name) {
        assertThat(Yaml.problems(Yaml.withSections("loadBalancer: {name: " + name + "}\n")))
                .singleElement().asString()
                .endsWith("(expected: 1..32 letters, digits and hyphens, not starting or ending with a hyphen)");
    }

    @Test
    void reportsALoadBalancerNameWithTheInternalPrefix() {
        assertThat(Yaml.problems(Yaml.withSections("loadBalancer: {name: internal-shop}\n")))
                .containsExactly("loadBalancer.name: 'internal-shop' (expected: a name not starting with 'internal-')");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1:9090 | 127.0.0.1 | 9090
            0.0.0.0:0      | 0.0.0.0   | 0
            '[::1]:9191'   | ::1       | 9191
            """)
    void readsTheAdminListenAddress(String listen, String host, int port) {
        assertThat(Yaml.load(Yaml.withSections("admin:\n  listen: \"" + listen + "\"\n")).admin())
                .isEqualTo(new AdminConfig(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"9090", "localhost:9090", "::1:9090", "[127.0.0.1]:9090", "127.0.0.1:", "127.0.0.1:x"})
    void reportsAnAdminListenAddressThatIsNotAnIpAndPort(String listen) {
        assertThat(Yaml.problems(Yaml.withSections("admin:\n  listen: \"" + listen + "\"\n"))).containsExactly(
                "admin.listen: '" + listen + "' (expected: host:port with an IP address, e.g. 127.0.0.1:9090 or"
                        + " [::1]:9090)");
    }

    @Test
    void reportsAnAdminPortOutOfRange() {
        assertThat(Yaml.problems(Yaml.withSections("admin: {listen: \"127.0.0.1:65536\"}\n")))
                .containsExactly("admin.listen: '127.0.0.1:65536' (expected: a port within 0..65535)");
    }

    @Test
    void reportsAListenerOnTheAdminSocket() {
        assertThat(Yaml.problems("""
                listeners:
                  - port: 9090
                    address: 127.0.0.1
                    defaultActions: [{type: fixed-response, fixedResponse: {statusCode: 200}}]
                """)).containsExactly("listeners[0].port: duplicate 127.0.0.1:9090 (also admin.listen (default))");
    }
}
