package dev.fulcrum.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code target_group_health.*}: routing and DNS failover thresholds, with ALB's ranges and ordering rule. */
class TargetGroupHealthSectionTest {

    private static final String ROUTING = "target_group_health.unhealthy_state_routing.minimum_healthy_targets.";
    private static final String DNS = "target_group_health.dns_failover.minimum_healthy_targets.";
    private static final String AT = "targetGroups[0].attributes.";

    private static TargetGroupAttributes attributes(String attributes) {
        return Yaml.load(Yaml.withWebGroup("attributes: {" + attributes + "}")).targetGroup("web").orElseThrow()
                .attributes();
    }

    private static List<String> problems(String attributes) {
        return Yaml.problems(Yaml.withWebGroup("attributes: {" + attributes + "}"));
    }

    @Test
    void defaultsToOneHealthyTargetAndNoPercentageForBothAsAlb() {
        TargetGroupAttributes a = attributes("");

        assertThat(a.unhealthyStateRouting()).isEqualTo(new MinimumHealthyTargets(1, MinimumHealthyTargets.OFF));
        assertThat(a.dnsFailover()).isEqualTo(new MinimumHealthyTargets(1, MinimumHealthyTargets.OFF));
    }

    @Test
    void readsEveryThresholdAsIntegersOrAsAlbsStringsWithOff() {
        TargetGroupAttributes a = attributes(ROUTING + "count: 3, " + ROUTING + "percentage: \"50\", "
                + DNS + "count: \"off\", " + DNS + "percentage: 100");

        assertThat(a.unhealthyStateRouting()).isEqualTo(new MinimumHealthyTargets(3, 50));
        assertThat(a.dnsFailover()).isEqualTo(new MinimumHealthyTargets(MinimumHealthyTargets.OFF, 100));
    }

    @Test
    void readsTheUpperEndsOfTheRanges() {
        TargetGroupAttributes a = attributes(ROUTING + "count: 1000, " + DNS + "count: 1000, "
                + ROUTING + "percentage: off, " + DNS + "percentage: 1");

        assertThat(a.unhealthyStateRouting()).isEqualTo(new MinimumHealthyTargets(1000, MinimumHealthyTargets.OFF));
        assertThat(a.dnsFailover()).isEqualTo(new MinimumHealthyTargets(1000, 1));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            unhealthy_state_routing.minimum_healthy_targets.count      | 0    | 0 (expected: 1..1000)
            unhealthy_state_routing.minimum_healthy_targets.count      | 1001 | 1001 (expected: 1..1000)
            unhealthy_state_routing.minimum_healthy_targets.count      | "off" | 'off' (expected: 1..1000; routing \
            failover cannot be turned off)
            unhealthy_state_routing.minimum_healthy_targets.count      | off  | false (expected: 1..1000; routing \
            failover cannot be turned off)
            unhealthy_state_routing.minimum_healthy_targets.percentage | 0    | 0 (expected: off or 1..100)
            unhealthy_state_routing.minimum_healthy_targets.percentage | 101  | 101 (expected: off or 1..100)
            unhealthy_state_routing.minimum_healthy_targets.percentage | none | 'none' (expected: off or 1..100)
            dns_failover.minimum_healthy_targets.count                 | 0    | 0 (expected: off or 1..1000)
            dns_failover.minimum_healthy_targets.count                 | 1001 | 1001 (expected: off or 1..1000)
            dns_failover.minimum_healthy_targets.count                 | true | true (expected: off or 1..1000)
            dns_failover.minimum_healthy_targets.percentage            | -1   | -1 (expected: off or 1..100)
            dns_failover.minimum_healthy_targets.percentage            | 50%  | '50%' (expected: off or 1..100)
            """)
    void reportsThresholdsOutsideAlbsRangesAtTheirPaths(String key, String value, String message) {
        assertThat(problems("target_group_health." + key + ": " + value))
                .containsExactly(AT + "target_group_health." + key + ": " + message);
    }

    @Test
    void refusesADnsFailoverCountBelowTheRoutingOne() {
        assertThat(problems(ROUTING + "count: 3, " + DNS + "count: 2")).containsExactly(AT + DNS + "count: 2"
                + " (expected: off or at least 3, the unhealthy_state_routing count; ALB requires the DNS failover"
                + " threshold to be at least the routing failover one)");
    }

    @Test
    void refusesADnsFailoverPercentageBelowTheRoutingOne() {
        assertThat(problems(ROUTING + "percentage: 50, " + DNS + "percentage: \"49\"")).containsExactly(AT + DNS
                + "percentage: 49 (expected: off or at least 50, the unhealthy_state_routing percentage; ALB requires"
                + " the DNS failover threshold to be at least the routing failover one)");
    }

    @Test
    void reportsBothOrderingProblemsOfOneGroupAtOnce() {
        assertThat(problems(ROUTING + "count: 5, " + ROUTING + "percentage: 60, " + DNS + "count: 4, "
                + DNS + "percentage: 10")).hasSize(2)
                .allSatisfy(p -> assertThat(p).startsWith(AT + DNS).contains("(expected: off or at least"));
    }

    @Test
    void comparesOnlyWhatBothSidesSetAndAcceptsEqualThresholds() {
        // DNS count off, or the routing percentage off: nothing to compare.
        TargetGroupAttributes a = attributes(ROUTING + "count: 4, " + DNS + "count: off, " + DNS + "percentage: 10");

        assertThat(a.unhealthyStateRouting()).isEqualTo(new MinimumHealthyTargets(4, MinimumHealthyTargets.OFF));
        assertThat(a.dnsFailover()).isEqualTo(new MinimumHealthyTargets(MinimumHealthyTargets.OFF, 10));
        TargetGroupAttributes equal = attributes(ROUTING + "count: 2, " + DNS + "count: 2, "
                + ROUTING + "percentage: 30, " + DNS + "percentage: 30");
        assertThat(equal.dnsFailover()).isEqualTo(equal.unhealthyStateRouting());
    }

    @Test
    void comparesADnsValueOnlyWhenTheFileSetsIt() {
        TargetGroupAttributes a = attributes(ROUTING + "count: 5, " + ROUTING + "percentage: 40");

        assertThat(a.unhealthyStateRouting()).isEqualTo(new MinimumHealthyTargets(5, 40));
        assertThat(a.dnsFailover()).isEqualTo(MinimumHealthyTargets.DEFAULT);
    }

    @Test
    void aRoutingThresholdOutOfRangeMakesOneProblemNotTwo() {
        assertThat(problems(ROUTING + "count: 2000, " + DNS + "count: 1"))
                .containsExactly(AT + ROUTING + "count: 2000 (expected: 1..1000)");
    }

    @Test
    void reportsAnUnknownTargetGroupHealthKeyWithTheKnownOnes() {
        assertThat(problems("target_group_health.unhealthy_state_routing.minimum_healthy_targets.cnt: 2"))
                .singleElement().asString()
                .startsWith(AT + "target_group_health.unhealthy_state_routing.minimum_healthy_targets.cnt: unknown key")
                .contains(ROUTING + "count", ROUTING + "percentage", DNS + "count", DNS + "percentage");
    }
}
