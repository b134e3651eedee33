package dev.fulcrum.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListenerSectionTest {

    private static String listeners(String items) {
        return "listeners:\n" + items.indent(2) + "targetGroups: [{name: web}]\n";
    }

    @Test
    void reportsAListenerWithoutPortOrDefaultActions() {
        assertThat(Yaml.problems(listeners("- address: 127.0.0.1\n"))).containsExactly(
                "listeners[0].port: required",
                "listeners[0].defaultActions: required (expected: exactly one action: forward, redirect or"
                        + " fixed-response)");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65_536})
    void reportsAListenerPortOutOfRange(int port) {
        assertThat(Yaml.problems(listeners("- {port: " + port + ", defaultActions: [{type: forward, targetGroup: web}]}"
                + "\n")))
                .containsExactly("listeners[0].port: " + port + " (expected: 0..65535)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "10.0.0.256", "010.0.0.1", "fe80::1%eth0", "[::1]", "1::2::3"})
    void reportsAListenerAddressThatIsNotAnIpLiteral(String address) {
        assertThat(Yaml.problems(listeners("- {port: 0, address: \"" + address + "\","
                + " defaultActions: [{type: forward, targetGroup: web}]}")))
                .containsExactly("listeners[0].address: '" + address + "' (expected: an IPv4 or IPv6 address)");
    }

    @Test
    void reportsAnHttpsListenerWithoutCertificatesAndAProtocolAlbHasNot() {
        assertThat(Yaml.problems(listeners("""
                - {port: 0, protocol: HTTPS, defaultActions: [{type: forward, targetGroup: web}]}
                - {port: 0, protocol: TCP, defaultActions: [{type: forward, targetGroup: web}]}
                """))).containsExactly(
                "listeners[0].certificates: required (expected: at least one certificate; the first is the default)",
                "listeners[1].protocol: 'TCP' (expected one of: HTTP, HTTPS)");
    }

    @Test
    void reportsTwoListenersOnTheSameAddressAndPort() {
        assertThat(Yaml.problems(listeners("""
                - {port: 8080, defaultActions: [{type: forward, targetGroup: web}]}
                - {port: 8080, address: 0.0.0.0, defaultActions: [{type: forward, targetGroup: web}]}
                - {port: 8081, address: "::1", defaultActions: [{type: forward, targetGroup: web}]}
                - {port: 8081, address: "0:0:0:0:0:0:0:1", defaultActions: [{type: forward, targetGroup: web}]}
                """))).containsExactly(
                "listeners[1].port: duplicate 0.0.0.0:8080 (also listeners[0])",
                "listeners[3].port: duplicate [0:0:0:0:0:0:0:1]:8081 (also listeners[2])");
    }

    @Test
    void reportsAListenerThatAWildcardListenerOnTheSamePortAlreadyCovers() {
        assertThat(Yaml.problems(listeners("""
                - {port: 8080, address: 0.0.0.0, defaultActions: [{type: forward, targetGroup: web}]}
                - {port: 8080, address: 127.0.0.1, defaultActions: [{type: forward, targetGroup: web}]}
                - {port: 8081, address: "::1", defaultActions: [{type: forward, targetGroup: web}]}
                - {port: 8081, address: "::", defaultActions: [{type: forward, targetGroup: web}]}
                """))).containsExactly(
                "listeners[1].port: 127.0.0.1:8080 overlaps 0.0.0.0:8080 of listeners[0]",
                "listeners[3].port: [::]:8081 overlaps [::1]:8081 of listeners[2]");
    }

    @Test
    void letsListenersShareAPortOnDifferentAddressesAndPortZeroEverywhere() {
        FulcrumConfig config = Yaml.load(listeners("""
                - {port: 8080, address: 127.0.0.1, defaultActions: [{type: forward, targetGroup: web}]}
                - {port: 8080, address: 127.0.0.2, defaultActions: [{type: forward, targetGroup: web}]}
                - {port: 8080, address: "::1", defaultActions: [{type: forward, targetGroup: web}]}
                - {port: 0, defaultActions: [{type: forward, targetGroup: web}]}
                - {port: 0, defaultActions: [{type: forward, targetGroup: web}]}
                """));

        assertThat(config.listeners()).extracting(ListenerConfig::port).containsExactly(8080, 8080, 8080, 0, 0);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 50_001})
    void reportsARulePriorityOutOfRange(int priority) {
        assertThat(Yaml.problems(Yaml.withRules("""
                - priority: %d
                  conditions: [{field: path-pattern, values: [/a]}]
                  actions: [{type: forward, targetGroup: web}]
                """.formatted(priority))))
                .containsExactly("listeners[0].rules[0].priority: " + priority + " (expected: 1..50000)");
    }

    @Test
    void reportsDuplicateRulePrioritiesWithinAListener() {
        assertThat(Yaml.problems(Yaml.withRules("""
                - priority: 5
                  conditions: [{field: path-pattern, values: [/a]}]
                  actions: [{type: forward, targetGroup: web}]
                - priority: 6
                  conditions: [{field: path-pattern, values: [/b]}]
                  actions: [{type: forward, targetGroup: web}]
                - priority: 5
                  conditions: [{field: path-pattern, values: [/c]}]
                  actions: [{type: forward, targetGroup: web}]
                """))).containsExactly(
                "listeners[0].rules[2].priority: duplicate priority 5 (also listeners[0].rules[0].priority)");
    }

    @Test
    void letsTwoListenersUseTheSamePriority() {
        String rule = "rules: [{priority: 1, conditions: [{field: path-pattern, values: [/a]}],"
                + " actions: [{type: forward, targetGroup: web}]}]";
        FulcrumConfig config = Yaml.load(listeners("""
                - {port: 0, %s, defaultActions: [{type: forward, targetGroup: web}]}
                - {port: 0, %s, defaultActions: [{type: forward, targetGroup: web}]}
                """.formatted(rule, rule)));

        assertThat(config.listeners()).allSatisfy(l -> assertThat(l.rules()).extracting(RuleConfig::priority)
                .containsExactly(1));
    }

    @Test
    void reportsListsLeftEmptyAfterTheirKey() {
        assertThat(Yaml.problems("""
                listeners:
                  - port: 0
                    rules:
                      - priority: 1
                        conditions:
                          - field: path-pattern
                            values:
                        actions:
                    defaultActions:
                      - type: forward
                        targetGroups:
                targetGroups:
                """)).containsExactly(
                "listeners[0].rules[0].conditions[0].values: empty (expected: at least one value)",
                "listeners[0].rules[0].actions: empty (expected: exactly one action: forward, redirect or"
                        + " fixed-response)",
                "listeners[0].defaultActions[0].targetGroups: empty (expected: 1..5 target groups)");
        assertThat(Yaml.problems("listeners:\n")).containsExactly("listeners: empty (expected: at least one listener)");
    }

    @Test
    void sortsRulesByPriority() {
        FulcrumConfig config = Yaml.load(Yaml.withRules("""
                - {priority: 30, conditions: [{field: path-pattern, values: [/c]}], actions: [{type: forward,
                   targetGroup: web}]}
                - {priority: 10, conditions: [{field: path-pattern, values: [/a]}], actions: [{type: forward,
                   targetGroup: web}]}
                """));

        assertThat(config.listeners().get(0).rules()).extracting(RuleConfig::priority).isEqualTo(List.of(10, 30));
    }

    @Test
    void reportsARuleWithoutPriorityConditionsOrActions() {
        assertThat(Yaml.problems(Yaml.withRules("- {}\n"))).containsExactly(
                "listeners[0].rules[0].priority: required",
                "listeners[0].rules[0].conditions: required (expected: at least one condition)",
                "listeners[0].rules[0].actions: required (expected: exactly one action: forward, redirect or"
                        + " fixed-response)");
    }
}
