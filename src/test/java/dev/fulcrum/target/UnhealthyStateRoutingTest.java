package dev.fulcrum.target;

import static dev.fulcrum.testing.HealthConfigs.check;
import static dev.fulcrum.testing.HealthConfigs.group;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.config.HealthCheckConfig;
import dev.fulcrum.config.MinimumHealthyTargets;
import dev.fulcrum.config.TargetGroupConfig;
import dev.fulcrum.testing.TargetGroupFixture;
import dev.fulcrum.testing.TestConfigs;
import dev.fulcrum.testing.TransitionLog;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routing failover ({@code target_group_health.unhealthy_state_routing}): below the thresholds a group sends requests
 * to every active target, unhealthy ones included, and says so in its snapshot and its log.
 */
class UnhealthyStateRoutingTest {

    private static final int OFF = MinimumHealthyTargets.OFF;
    private static final HealthCheckConfig CHECK = check("/", "200", 2, 2);

    private final TransitionLog log = new TransitionLog();
    private TargetGroupFixture fixture;

    @AfterEach
    void close() {
        log.close();
        if (fixture != null) {
            fixture.close();
        }
    }

    /** A group of four targets on ports 9001..9004, all initial. */
    private TargetGroup fourTargets(MinimumHealthyTargets routing) {
        return start(group("web", CHECK, routing, 9001, 9002, 9003, 9004));
    }

    private TargetGroup start(TargetGroupConfig config) {
        fixture = new TargetGroupFixture(config, Clock.systemUTC());
        return fixture.group();
    }

    private List<Target> targets(int... indexes) {
        return IntStream.of(indexes).mapToObj(fixture::get).toList();
    }

    /** Makes targets {@code 0..healthy-1} healthy and the rest unhealthy. */
    private void healthy(TargetGroup g, int healthy) {
        for (int i = 0; i < g.targets().size(); i++) {
            g.transition(fixture.get(i), i < healthy ? TargetHealth.HEALTHY : TargetHealth.TIMEOUT);
        }
    }

    private static void assertHealthyOnly(TargetGroup g, List<Target> expected) {
        assertThat(g.routable()).containsExactlyElementsOf(expected);
        assertThat(g.inFailover()).isFalse();
    }

    private void assertFailover(TargetGroup g) {
        assertThat(g.routable()).containsExactlyElementsOf(fixture.group().targets());
        assertThat(g.inFailover()).isTrue();
    }

    @Test
    void withTheDefaultCountOfOneOnlyEveryTargetUnhealthyIsFailover() {
        TargetGroup g = fourTargets(MinimumHealthyTargets.DEFAULT);
        healthy(g, 1);
        assertHealthyOnly(g, targets(0));
        healthy(g, 0);
        assertFailover(g); // ALB's fail-open
        healthy(g, 1);
        assertHealthyOnly(g, targets(0));
    }

    @Test
    void aCountOfThreeOfFourFailsOverWhenTwoAreHealthyAndRecoversAtThree() {
        TargetGroup g = fourTargets(new MinimumHealthyTargets(3, OFF));
        healthy(g, 3);
        assertHealthyOnly(g, targets(0, 1, 2));
        assertThat(g.routing().healthy()).isEqualTo(3);

        g.transition(fixture.get(2), TargetHealth.responseCodeMismatch(500));
        assertFailover(g);
        assertThat(g.routing()).extracting(RoutableTargets::healthy, RoutableTargets::active).containsExactly(2, 4);

        g.transition(fixture.get(3), TargetHealth.HEALTHY);
        assertHealthyOnly(g, targets(0, 1, 3));
    }

    @Test
    void aPercentageOfFiftyFailsOverBelowHalfTheTargets() {
        TargetGroup g = fourTargets(new MinimumHealthyTargets(1, 50));
        healthy(g, 2);
        assertHealthyOnly(g, targets(0, 1)); // exactly 50%: met
        healthy(g, 1);
        assertFailover(g); // 25%, though the count of one is met
    }

    @Test
    void withCountAndPercentageEitherBreachTriggersFailover() {
        TargetGroup g = fourTargets(new MinimumHealthyTargets(3, 50));
        healthy(g, 2);
        assertFailover(g); // 50% met, count 3 not

        g = fourTargets(new MinimumHealthyTargets(2, 75));
        healthy(g, 2);
        assertFailover(g); // count 2 met, 75% not
        healthy(g, 3);
        assertHealthyOnly(g, targets(0, 1, 2));
    }

    @Test
    void aGroupStillInItsFirstChecksRoutesToItsInitialTargetsWithoutFailover() {
        TargetGroup g = fourTargets(new MinimumHealthyTargets(2, OFF));
        assertHealthyOnly(g, targets(0, 1, 2, 3)); // all initial
        g.transition(fixture.get(0), TargetHealth.TIMEOUT);
        g.transition(fixture.get(1), TargetHealth.TIMEOUT);
        assertHealthyOnly(g, targets(2, 3)); // none healthy, two initial: only those

        g.transition(fixture.get(2), TargetHealth.HEALTHY);
        assertFailover(g); // one healthy of a minimum of two: the initial and unhealthy ones serve too
    }

    @Test
    void drainingTargetsNeitherCountNorReceiveRequestsInFailover() {
        TargetGroup g = fourTargets(new MinimumHealthyTargets(1, 50));
        healthy(g, 2);
        Target draining = fixture.get(0);
        draining.requestStarted(() -> { }); // keeps it draining
        g.deregister(draining);

        // One healthy of three active targets (33%): failover, to the three.
        assertThat(g.routable()).containsExactlyElementsOf(targets(1, 2, 3));
        assertThat(g.inFailover()).isTrue();
        assertThat(g.routing().active()).isEqualTo(3);
    }

    @Test
    void targetsWithChecksDisabledCountAsHealthy() {
        TargetGroup g = start(TestConfigs.group("web", dev.fulcrum.config.Algorithm.ROUND_ROBIN,
                List.of(TestConfigs.target(9001), TestConfigs.target(9002))));
        assertHealthyOnly(g, targets(0, 1));

        g.reconfigure(group("web", TestConfigs.NO_HEALTH_CHECK, new MinimumHealthyTargets(3, OFF), 9001, 9002), true);
        assertFailover(g); // two in service, a minimum of three: the same two, counted as failover
    }

    @Test
    void aNewThresholdAppliesAtOnceOnReload() {
        TargetGroup g = fourTargets(MinimumHealthyTargets.DEFAULT);
        healthy(g, 2);
        assertHealthyOnly(g, targets(0, 1));

        g.reconfigure(group("web", CHECK, new MinimumHealthyTargets(3, OFF), 9001, 9002, 9003, 9004), true);
        assertFailover(g);
    }

    @Test
    void entersAndLeavesFailoverWithOneLogLineEach() {
        TargetGroup g = fourTargets(new MinimumHealthyTargets(3, OFF));
        healthy(g, 3); // one by one: in failover at one healthy, out of it at three
        int before = log.ofGroup("web").size();
        g.transition(fixture.get(2), TargetHealth.TIMEOUT);
        g.transition(fixture.get(1), TargetHealth.TIMEOUT); // still in failover: no new line
        g.transition(fixture.get(1), TargetHealth.HEALTHY);
        g.transition(fixture.get(2), TargetHealth.HEALTHY);

        assertThat(before).isEqualTo(2);
        assertThat(log.ofGroup("web").subList(before, log.ofGroup("web").size())).containsExactly(
                "Target group web in routing failover: 2 of 4 target(s) healthy, below the minimum (count 3,"
                        + " percentage off): unhealthy targets receive requests too",
                "Target group web out of routing failover: 3 of 4 target(s) healthy (count 3, percentage off):"
                        + " requests go to 3 target(s)");
    }
}
