package dev.fulcrum.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGroupSectionTest {

    private static TargetGroupConfig web(String keys) {
        return Yaml.load(Yaml.withWebGroup(keys)).targetGroup("web").orElseThrow();
    }

    private static List<String> problems(String keys) {
        return Yaml.problems(Yaml.withWebGroup(keys));
    }

    @Test
    void requiresANameThatFollowsAlbsRules() {
        assertThat(Yaml.problems(Yaml.withTargetGroups("""
                - name: web
                - port: 80
                - name: web_2
                - name: internal-web
                """))).containsExactly(
                "targetGroups[1].name: required",
                "targetGroups[2].name: 'web_2' (expected: 1..32 letters, digits and hyphens, not starting or ending"
                        + " with a hyphen)");
    }

    @Test
    void reportsDuplicateTargetGroupNames() {
        assertThat(Yaml.problems(Yaml.withTargetGroups("- name: web\n- name: api\n- name: web\n")))
                .containsExactly("targetGroups[2].name: duplicate name 'web' (also targetGroups[0].name)");
    }

    @Test
    void reportsProtocolsAndProtocolVersionsAlbHasNot() {
        assertThat(problems("protocol: TCP\nprotocolVersion: HTTP3\n")).containsExactly(
                "targetGroups[0].protocol: 'TCP' (expected one of: HTTP, HTTPS)",
                "targetGroups[0].protocolVersion: 'HTTP3' (expected one of: HTTP1, HTTP2, GRPC)");
    }

    @Test
    void checksAnHttpsGroupOverHttpsUnlessItsHealthCheckSaysOtherwise() {
        assertThat(web("protocol: HTTPS").healthCheck().protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(web("protocol: HTTPS\nhealthCheck: {path: /up}").healthCheck().protocol())
                .isEqualTo(Protocol.HTTPS);
        assertThat(web("protocol: HTTPS\nhealthCheck: {protocol: HTTP}").healthCheck().protocol())
                .isEqualTo(Protocol.HTTP);
        assertThat(web("healthCheck: {protocol: HTTPS}").healthCheck().protocol()).isEqualTo(Protocol.HTTPS);
        assertThat(web("").protocol()).isEqualTo(Protocol.HTTP);
    }

    @ParameterizedTest
    @EnumSource(ProtocolVersion.class)
    void loadsEveryProtocolVersion(ProtocolVersion version) {
        assertThat(web("protocolVersion: " + version.name()).protocolVersion()).isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 65_536})
    void reportsAGroupPortOutside1To65535(int port) {
        assertThat(problems("port: " + port))
                .containsExactly("targetGroups[0].port: " + port + " (expected: 1..65535)");
    }

    @ParameterizedTest
    @EnumSource(Algorithm.class)
    void readsEveryAlgorithmByItsAlbKey(Algorithm algorithm) {
        assertThat(web("attributes: {load_balancing.algorithm.type: " + algorithm.key() + "}").attributes().algorithm())
                .isEqualTo(algorithm);
    }

    @Test
    void readsDelayAndSlowStartAsDurations() {
        assertThat(web("attributes: {deregistration_delay.timeout_seconds: 0, slow_start.duration_seconds: 900}")
                .attributes()).isEqualTo(new TargetGroupAttributes(Algorithm.ROUND_ROBIN, Duration.ZERO,
                Duration.ofSeconds(900)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            load_balancing.algorithm.type        | random | 'random' (expected one of: round_robin, \
            least_outstanding_requests, weighted_random)
            deregistration_delay.timeout_seconds | 3601   | 3601 (expected: 0..3600)
            slow_start.duration_seconds          | 29     | 29 (expected: 0 or 30..900)
            slow_start.duration_seconds          | 901    | 901 (expected: 0 or 30..900)
            slow_start.duration_seconds          | -1     | -1 (expected: 0 or 30..900)
            """)
    void reportsTargetGroupAttributesOutsideAlbsValues(String key, String value, String message) {
        assertThat(problems("attributes: {" + key + ": " + value + "}"))
                .containsExactly("targetGroups[0].attributes." + key + ": " + message);
    }

    @Test
    void reportsSlowStartWithLeastOutstandingRequests() {
        assertThat(problems("""
                attributes:
                  load_balancing.algorithm.type: least_outstanding_requests
                  slow_start.duration_seconds: 30
                """)).containsExactly("targetGroups[0].attributes.slow_start.duration_seconds: 30 (expected: 0"
                + " with least_outstanding_requests; ALB does not combine slow start with it)");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            intervalSeconds         | 4    | 4 (expected: 5..300)
            intervalSeconds         | 301  | 301 (expected: 5..300)
            timeoutSeconds          | 1    | 1 (expected: 2..120)
            timeoutSeconds          | 121  | 121 (expected: 2..120)
            healthyThresholdCount   | 1    | 1 (expected: 2..10)
            healthyThresholdCount   | 11   | 11 (expected: 2..10)
            unhealthyThresholdCount | 1    | 1 (expected: 2..10)
            unhealthyThresholdCount | 11   | 11 (expected: 2..10)
            port                    | 0    | 0 (expected: traffic-port or 1..65535)
            port                    | main | 'main' (expected: traffic-port or 1..65535)
            path                    | up   | 'up' (expected: a path starting with '/')
            protocol                | TCP  | 'TCP' (expected one of: HTTP, HTTPS)
            """)
    void reportsHealthCheckSettingsOutsideAlbsRanges(String key, String value, String message) {
        assertThat(problems("healthCheck: {" + key + ": " + value + "}"))
                .containsExactly("targetGroups[0].healthCheck." + key + ": " + message);
    }

    @Test
    void requiresTheHealthCheckTimeoutToBeShorterThanTheInterval() {
        assertThat(problems("healthCheck: {intervalSeconds: 10, timeoutSeconds: 10}")).containsExactly(
                "targetGroups[0].healthCheck.timeoutSeconds: 10 (expected: less than intervalSeconds 10)");
        assertThat(problems("healthCheck: {intervalSeconds: 5}")).containsExactly(
                "targetGroups[0].healthCheck.intervalSeconds: 5 (expected: more than timeoutSeconds 5)");
        assertThat(problems("healthCheck: {timeoutSeconds: 30}")).containsExactly(
                "targetGroups[0].healthCheck.timeoutSeconds: 30 (expected: less than intervalSeconds 30)");
    }

    @Test
    void reportsAHealthCheckPathLongerThan1024Characters() {
        assertThat(problems("healthCheck: {path: /" + "a".repeat(1024) + "}")).containsExactly(
                "targetGroups[0].healthCheck.path: 1025 characters (expected: 1..1024 characters)");
    }

    @Test
    void readsEveryHealthCheckSetting() {
        assertThat(web("""
                healthCheck:
                  enabled: false
                  protocol: HTTP
                  port: "8081"
                  path: /ping
                  intervalSeconds: 300
                  timeoutSeconds: 120
                  healthyThresholdCount: 10
                  unhealthyThresholdCount: 10
                  matcher: 200
                """).healthCheck()).isEqualTo(new HealthCheckConfig(false, Protocol.HTTP, 8081, "/ping",
                Duration.ofSeconds(300), Duration.ofSeconds(120), 10, 10, "200"));
        assertThat(web("healthCheck: {port: traffic-port}").healthCheck().port())
                .isEqualTo(HealthCheckConfig.TRAFFIC_PORT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"200\"", "\"200,202\"", "\"200-299\"", "\"200-299,302,404-499\"", "{httpCode: \"499\"}"})
    void acceptsMatchersInAlbsForms(String matcher) {
        String expected = matcher.replaceAll("\\{httpCode: |}|\"", "");
        assertThat(web("healthCheck: {matcher: " + matcher + "}").healthCheck().matcher()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"199", "500", "200-199", "200-500", "200,", "200, 202", "2xx", "OK"})
    void reportsMatchersOutside200To499OrInAnotherForm(String matcher) {
        assertThat(problems("healthCheck: {matcher: \"" + matcher + "\"}")).containsExactly(
                "targetGroups[0].healthCheck.matcher: '" + matcher + "' (expected: HTTP codes within 200..499 as"
                        + " '200', '200,202' or '200-299')");
    }

    @Test
    void reportsAnApiStyleMatcherWithOtherKeys() {
        assertThat(problems("healthCheck: {matcher: {grpcCode: \"12\"}}")).containsExactly(
                "targetGroups[0].healthCheck.matcher.grpcCode: unknown key (expected one of: httpCode)",
                "targetGroups[0].healthCheck.matcher.httpCode: required");
    }

    @Test
    void readsTargetsWithTheGroupPortAndWeight100ByDefault() {
        assertThat(web("""
                port: 8000
                targets:
                  - {id: 10.0.0.1}
                  - {id: "2001:db8::1", port: 9000, weight: 0}
                """).targets()).containsExactly(
                new TargetConfig("10.0.0.1", 8000, 100),
                new TargetConfig("2001:db8::1", 9000, 0));
    }

    @Test
    void reportsTargetsWithoutAnIpIdOrWithPortOrWeightOutOfRange() {
        assertThat(problems("""
                targets:
                  - {port: 80}
                  - {id: web-1.internal}
                  - {id: 10.0.0.1, port: 0, weight: 101}
                  - {id: 10.0.0.2, weight: -1}
                """)).containsExactly(
                "targetGroups[0].targets[0].id: required",
                "targetGroups[0].targets[1].id: 'web-1.internal' (expected: an IPv4 or IPv6 address; hostnames are"
                        + " not supported)",
                "targetGroups[0].targets[2].port: 0 (expected: 1..65535)",
                "targetGroups[0].targets[2].weight: 101 (expected: 0..100)",
                "targetGroups[0].targets[3].weight: -1 (expected: 0..100)");
    }

    @Test
    void reportsTheSameTargetTwiceInAGroupComparingAddressesNotSpelling() {
        assertThat(problems("""
                port: 8000
                targets:
                  - {id: 10.0.0.1, port: 8000}
                  - {id: 10.0.0.1}
                  - {id: "::1"}
                  - {id: "0:0::1", port: 8000}
                  - {id: 10.0.0.1, port: 8001}
                """)).containsExactly(
                "targetGroups[0].targets[1]: duplicate target 10.0.0.1:8000 (also targetGroups[0].targets[0])",
                "targetGroups[0].targets[3]: duplicate target [0:0::1]:8000 (also targetGroups[0].targets[2])");
    }

    @Test
    void letsTheSameTargetJoinTwoGroups() {
        FulcrumConfig config = Yaml.load(Yaml.withTargetGroups("""
                - {name: web, targets: [{id: 10.0.0.1}]}
                - {name: api, targets: [{id: 10.0.0.1}]}
                """));

        assertThat(config.targetGroups()).allSatisfy(tg -> assertThat(tg.targets()).hasSize(1));
    }
}
