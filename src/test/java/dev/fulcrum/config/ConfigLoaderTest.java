package dev.fulcrum.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.fulcrum.config.ActionConfig.FixedResponse;
import dev.fulcrum.config.ActionConfig.Forward;
import dev.fulcrum.config.ActionConfig.Redirect;
import dev.fulcrum.config.ActionConfig.WeightedTargetGroup;
import dev.fulcrum.config.ConditionConfig.HostHeader;
import dev.fulcrum.config.ConditionConfig.HttpHeader;
import dev.fulcrum.config.ConditionConfig.HttpRequestMethod;
import dev.fulcrum.config.ConditionConfig.KeyValue;
import dev.fulcrum.config.ConditionConfig.PathPattern;
import dev.fulcrum.config.ConditionConfig.QueryString;
import dev.fulcrum.config.ConditionConfig.SourceIp;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void mapsEveryKeyOfAFullFileToTheRecords() throws Exception {
        FulcrumConfig config = ConfigLoader.parse(resource("full.yaml"));

        Forward toWeb = new Forward(List.of(new WeightedTargetGroup("web", 1)));
        FulcrumConfig expected = new FulcrumConfig(
                new LoadBalancerConfig("shop", new LoadBalancerAttributes(Duration.ofSeconds(120),
                        Duration.ofSeconds(7200), XffMode.PRESERVE, true, true, Duration.ofSeconds(3), 1_048_576,
                        500, true, true, Duration.ofSeconds(15), 5000, DesyncMitigationMode.STRICTEST, true, true)),
                new AdminConfig("::1", 9191),
                List.of(
                        new ListenerConfig("127.0.0.1", 8080, Protocol.HTTP, List.of(
                                new RuleConfig(10,
                                        List.of(new PathPattern(List.of("/api/*")),
                                                new HttpHeader("X-Canary", List.of("yes")),
                                                new QueryString(List.of(new KeyValue("version", "2"),
                                                        new KeyValue(null, "beta")))),
                                        List.of(new Forward(List.of(new WeightedTargetGroup("api", 3),
                                                new WeightedTargetGroup("web", 1))))),
                                new RuleConfig(20,
                                        List.of(new HostHeader(List.of("*.example.com")),
                                                new HttpRequestMethod(List.of("GET", "HEAD")),
                                                new SourceIp(List.of("10.0.0.0/8", "2001:db8::/32"))),
                                        List.of(new Redirect("HTTPS", "#{host}", "443", "/#{path}", "#{query}", 301))),
                                new RuleConfig(30,
                                        List.of(new PathPattern(List.of("/closed"))),
                                        List.of(new FixedResponse(503, "application/json", "{\"open\":false}")))),
                                List.of(toWeb)),
                        new ListenerConfig("::1", 0, Protocol.HTTP, List.of(),
                                List.of(new FixedResponse(404, "text/plain", "")))),
                List.of(
                        new TargetGroupConfig("web", Protocol.HTTP, ProtocolVersion.HTTP1, 8000,
                                new TargetGroupAttributes(Algorithm.WEIGHTED_RANDOM, Duration.ofSeconds(30),
                                        Duration.ofSeconds(60)),
                                new HealthCheckConfig(true, Protocol.HTTP, 8081, "/healthz", Duration.ofSeconds(10),
                                        Duration.ofSeconds(3), 3, 4, "200-299"),
                                List.of(new TargetConfig("127.0.0.1", 9001, 50), new TargetConfig("::1", 8000, 0))),
                        new TargetGroupConfig("api", Protocol.HTTP, ProtocolVersion.HTTP2, 80,
                                TargetGroupAttributes.defaults().withAlgorithm(Algorithm.LEAST_OUTSTANDING_REQUESTS),
                                new HealthCheckConfig(true, Protocol.HTTP, HealthCheckConfig.TRAFFIC_PORT, "/",
                                        Duration.ofSeconds(30), Duration.ofSeconds(5), 5, 2, "200,202"),
                                List.of(new TargetConfig("10.0.0.7", 80, 100)))));

        assertThat(config).isEqualTo(expected);
    }

    @Test
    void loadsTheExampleInTheReadmesConfigurationReference() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String reference = readme.substring(readme.indexOf("<!-- CONFIG-REFERENCE:BEGIN -->"));
        String example = reference.substring(reference.indexOf("```yaml\n") + "```yaml\n".length());
        example = example.substring(0, example.indexOf("```"));

        FulcrumConfig config = ConfigLoader.parse(example);

        assertThat(config.listeners().get(0).rules()).hasSize(2);
        assertThat(config.targetGroups()).extracting(TargetGroupConfig::name)
                .containsExactly("web", "api", "api-canary");
    }

    @Test
    void appliesTheNamedDefaultsToEverythingLeftOut() {
        FulcrumConfig config = Yaml.load("""
                listeners:
                  - port: 8080
                    defaultActions: [{type: forward, targetGroup: web}]
                targetGroups:
                  - name: web
                    targets: [{id: 10.0.0.1}]
                """);

        assertThat(config.loadBalancer())
                .isEqualTo(new LoadBalancerConfig(LoadBalancerConfig.DEFAULT_NAME, LoadBalancerAttributes.defaults()));
        assertThat(config.admin()).isEqualTo(AdminConfig.defaults());
        assertThat(config.listeners()).containsExactly(new ListenerConfig(ListenerConfig.DEFAULT_ADDRESS, 8080,
                Protocol.HTTP, List.of(), List.of(new Forward(List.of(new WeightedTargetGroup("web",
                WeightedTargetGroup.DEFAULT_WEIGHT))))));
        assertThat(config.targetGroups()).containsExactly(new TargetGroupConfig("web", Protocol.HTTP,
                ProtocolVersion.HTTP1, TargetGroupConfig.DEFAULT_PORT, TargetGroupAttributes.defaults(),
                HealthCheckConfig.defaults(),
                List.of(new TargetConfig("10.0.0.1", TargetGroupConfig.DEFAULT_PORT, TargetConfig.DEFAULT_WEIGHT))));
    }

    @Test
    void readsTheTargetGroupShorthandAsOneGroupOfWeightOne() {
        FulcrumConfig config = Yaml.load(Yaml.MINIMAL);

        assertThat(config.listeners().get(0).defaultActions())
                .containsExactly(new Forward(List.of(new WeightedTargetGroup("web", 1))));
    }

    @Test
    void readsEmptySectionsAsLeftOut() {
        FulcrumConfig config = Yaml.load("""
                loadBalancer:
                  attributes:
                admin:
                """ + Yaml.MINIMAL);

        assertThat(config.loadBalancer().attributes()).isEqualTo(LoadBalancerAttributes.defaults());
        assertThat(config.admin()).isEqualTo(AdminConfig.defaults());
    }

    @Test
    void loadsAFileFromDisk(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("fulcrum.yaml"), Yaml.MINIMAL);

        assertThat(ConfigLoader.load(file).targetGroups()).extracting(TargetGroupConfig::name)
                .containsExactly("web", "api");
    }

    @Test
    void reportsAMissingFileAsOneProblem(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");

        assertThatExceptionOfType(ConfigException.class).isThrownBy(() -> ConfigLoader.load(file))
                .satisfies(e -> assertThat(e.problems()).containsExactly(
                        new ConfigProblem("(file)", "cannot read " + file + ": no such file")));
    }

    @Test
    void reportsAnEmptyFile() {
        assertThat(Yaml.problems("")).containsExactly("(file): empty (expected: a map with at least 'listeners')");
        assertThat(Yaml.problems("# nothing yet\n"))
                .containsExactly("(file): empty (expected: a map with at least 'listeners')");
    }

    @Test
    void reportsAFileWithoutListeners() {
        assertThat(Yaml.problems("loadBalancer: {name: shop}\n"))
                .containsExactly("listeners: required (expected: at least one listener)");
        assertThat(Yaml.problems("listeners: []\n"))
                .containsExactly("listeners: empty (expected: at least one listener)");
    }

    @Test
    void reportsAFileThatIsNotAMap() {
        assertThat(Yaml.problems("- port: 80\n")).containsExactly("(file): expected a map, got a list");
    }

    @Test
    void reportsAYamlSyntaxErrorWithItsLineAndColumn() {
        assertThat(Yaml.problems("""
                listeners:
                  - port: 8080
                    defaultActions: [{type: forward
                targetGroups: []
                """)).containsExactly("(file): YAML syntax error at line 4, column 13: expected ',' or '}', but got :");
    }

    @Test
    void reportsADuplicateKeyInsteadOfKeepingTheLastOne() {
        assertThat(Yaml.problems("""
                listeners:
                  - port: 8080
                    port: 8081
                """)).singleElement().asString()
                .startsWith("(file): YAML syntax error at line 3, column ")
                .endsWith("Duplicate field 'port'");
    }

    @Test
    void reportsASecondYamlDocument() {
        assertThat(Yaml.problems(Yaml.MINIMAL + "---\n" + Yaml.MINIMAL))
                .containsExactly("(file): more than one YAML document (expected: one)");
    }

    @Test
    void reportsUnknownKeysAtEveryLevelWithTheKnownOnes() {
        assertThat(Yaml.problems("""
                loadbalancer: {}
                loadBalancer:
                  attributes:
                    idle_timeout.seconds: 10
                listeners:
                  - port: 0
                    adress: 127.0.0.1
                    defaultActions: [{type: forward, targetGroup: web, weight: 2}]
                targetGroups:
                  - name: web
                    healthCheck: {interval: 10}
                """)).containsExactly(
                "loadbalancer: unknown key (expected one of: loadBalancer, admin, listeners, targetGroups)",
                "loadBalancer.attributes.idle_timeout.seconds: unknown key (expected one of:"
                        + " idle_timeout.timeout_seconds, client_keep_alive.seconds,"
                        + " routing.http.xff_header_processing.mode, routing.http.xff_client_port.enabled,"
                        + " routing.http.preserve_host_header.enabled, routing.http.target_connect_timeout_seconds,"
                        + " routing.http.max_request_body_bytes, routing.http.max_requests_per_second,"
                        + " routing.http.error_reason_header.enabled, routing.http.drop_invalid_header_fields.enabled,"
                        + " client_header_timeout.timeout_seconds, client_connections.max_per_listener,"
                        + " routing.http.desync_mitigation_mode,"
                        + " routing.http.x_amzn_tls_version_and_cipher_suite.enabled, routing.http2.enabled,"
                        + " access_logs.enabled, access_logs.path,"
                        + " access_logs.format, access_logs.interval_minutes, access_logs.compress,"
                        + " connection_logs.enabled, connection_logs.path)",
                "listeners[0].adress: unknown key (expected one of: port, address, protocol, sslPolicy, certificates,"
                        + " mutualAuthentication, rules, defaultActions)",
                "listeners[0].defaultActions[0].weight: unknown key (expected one of: type, targetGroup,"
                        + " targetGroups)",
                "targetGroups[0].healthCheck.interval: unknown key (expected one of: enabled, protocol, port, path,"
                        + " intervalSeconds, timeoutSeconds, healthyThresholdCount, unhealthyThresholdCount,"
                        + " matcher)");
    }

    @Test
    void reportsWrongTypesWithWhatWasFound() {
        assertThat(Yaml.problems("""
                listeners:
                  - port: "8080"
                    rules: {priority: 1}
                    defaultActions: [{type: forward, targetGroup: web}]
                  - ~
                targetGroups:
                  - name: web
                    healthCheck: {enabled: yes please, intervalSeconds: 1.5}
                """)).containsExactly(
                "listeners[0].port: expected an integer, got '8080'",
                "listeners[0].rules: expected a list, got a map",
                "listeners[1]: expected a map, got null",
                "targetGroups[0].healthCheck.enabled: expected true or false, got 'yes please'",
                "targetGroups[0].healthCheck.intervalSeconds: expected an integer, got 1.5");
    }

    @Test
    void reportsAnIntegerTooLargeForAnyRangeWithTheRange() {
        assertThat(Yaml.problems(Yaml.withSections("loadBalancer: {attributes: {routing.http.max_request_body_bytes:"
                + " 99999999999999999999}}\n"))).containsExactly("loadBalancer.attributes"
                + ".routing.http.max_request_body_bytes: 99999999999999999999 (expected: 0 for unlimited, or more)");
    }

    @Test
    void cutsLongValuesInMessages() {
        assertThat(Yaml.problems(Yaml.withSections("loadBalancer: {name: " + "n".repeat(100) + "}\n")))
                .containsExactly("loadBalancer.name: '" + "n".repeat(77) + "...' (expected: 1..32 letters, digits"
                        + " and hyphens, not starting or ending with a hyphen)");
    }

    @Test
    void tellsThatNumbersAndBooleansMustBeQuotedWhereAStringIsExpected() {
        assertThat(Yaml.problems(Yaml.withConditions("""
                - field: http-header
                  httpHeaderName: X-Beta
                  values: [true, 1]
                """))).containsExactly(
                "listeners[0].rules[0].conditions[0].values[0]: expected a string, got true (write it in quotes)",
                "listeners[0].rules[0].conditions[0].values[1]: expected a string, got 1 (write it in quotes)");
    }

    @Test
    void listsEveryProblemInTheExceptionMessage() {
        assertThatExceptionOfType(ConfigException.class)
                .isThrownBy(() -> ConfigLoader.parse("listeners: []\nextra: 1\n"))
                .withMessage("2 configuration problem(s):\n"
                        + "  extra: unknown key (expected one of: loadBalancer, admin, listeners, targetGroups)\n"
                        + "  listeners: empty (expected: at least one listener)");
    }

    @Test
    void printsAProblemAsPathColonMessage() {
        assertThat(new ConfigProblem("listeners[0].port", "required")).hasToString("listeners[0].port: required");
    }

    static String resource(String name) throws IOException {
        try (InputStream in = ConfigLoaderTest.class.getResourceAsStream("/config/" + name)) {
            if (in == null) {
                throw new IOException("no test resource config/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
