package dev.fulcrum.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrokenFileTest {

    @Test
    void reportsEveryProblemOfABrokenFileWithItsPath() throws Exception {
        assertThat(Yaml.problems(ConfigLoaderTest.resource("broken.yaml"))).containsExactly(
                "loadBalancer.name: '-shop' (expected: 1..32 letters, digits and hyphens, not starting or ending"
                        + " with a hyphen)",
                "loadBalancer.attributes.idle_timeout.timeout_seconds: 0 (expected: 1..4000)",
                "loadBalancer.attributes.routing.http.xff_header_processing.mode: 'drop' (expected one of: append,"
                        + " preserve, remove)",
                "admin.listen: 'localhost:9090' (expected: host:port with an IP address, e.g. 127.0.0.1:9090 or"
                        + " [::1]:9090)",
                "listeners[0].port: 70000 (expected: 0..65535)",
                "listeners[0].certificates: required (expected: at least one certificate; the first is the default)",
                "listeners[0].rules[0].conditions[0].values[0]: 'api/*' (expected: a path pattern starting with '/'"
                        + " or '*')",
                "listeners[0].rules[0].conditions[1].field: duplicate path-pattern condition (also"
                        + " listeners[0].rules[0].conditions[0]; expected: at most one per rule)",
                "listeners[0].rules[0].actions[0].targetGroup: no target group named 'apii' (known: api)",
                "listeners[0].rules[1].priority: duplicate priority 10 (also listeners[0].rules[0].priority)",
                "listeners[0].rules[1].conditions: empty (expected: at least one condition)",
                "listeners[0].rules[1].actions[0].redirect: redirect changes nothing (loop)",
                "listeners[0].defaultActions[0].fixedResponse.statusCode: 600 (expected: a 2XX, 4XX or 5XX status"
                        + " code)",
                "targetGroups[0].port: 0 (expected: 1..65535)",
                "targetGroups[0].healthCheck.timeoutSeconds: 10 (expected: less than intervalSeconds 10)",
                "targetGroups[0].targets[1]: duplicate target 10.0.0.1:9001 (also targetGroups[0].targets[0])",
                "targetGroups[0].targets[2].wieght: unknown key (expected one of: id, port, weight)",
                "targetGroups[0].targets[2].id: 'api.internal' (expected: an IPv4 or IPv6 address; hostnames are not"
                        + " supported)",
                "targetGroups[1].name: duplicate name 'api' (also targetGroups[0].name)");
    }
}
