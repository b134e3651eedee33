package dev.fulcrum.target;

import static dev.fulcrum.testing.HealthConfigs.attributes;
import static dev.fulcrum.testing.HealthConfigs.awaitHealth;
import static dev.fulcrum.testing.HealthConfigs.awaitState;
import static dev.fulcrum.testing.HealthConfigs.check;
import static dev.fulcrum.testing.HealthConfigs.group;
import static dev.fulcrum.testing.TestConfigs.forwardingTo;
import static dev.fulcrum.testing.TestConfigs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.balancing.Balancer;
import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.HealthCheckConfig;
import dev.fulcrum.config.TargetGroupConfig;
import dev.fulcrum.target.TargetHealth.State;
import dev.fulcrum.testing.Answers;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.LoadBalancerExtension;
import dev.fulcrum.testing.HealthConfigs;
import dev.fulcrum.testing.SteppedClock;
import dev.fulcrum.testing.TargetGroupFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What health does to routing: only healthy targets, initial ones first, fail-open, slow start. */
class HealthRoutingTest {

    private static final Duration RAMP = Duration.ofSeconds(30);
    @RegisterExtension
    final LoadBalancerExtension lb = LoadBalancerExtension.create()
            .options(o -> o.eventLoops(1).randomSeed(7).drainTimeout(Duration.ofSeconds(2)));

    private FakeTarget fakeTarget(String name, int checkStatus) {
        FakeTarget t = FakeTarget.start(name).behave((req, ctx) ->
                FakeTarget.text(req.uri().equals("/health") ? checkStatus : 200, name).respond(req, ctx));
        return lb.keep(t);
    }

    private Fulcrum start(FulcrumConfig config, java.time.Clock clock) {
        return lb.start(config, o -> o.clock(clock));
    }

    private static Map<String, Integer> count(Fulcrum f, int requests) {
        return Answers.byTarget(f.port(0), requests);
    }

    @Test
    void onlyHealthyTargetsReceiveRequests() throws Exception {
        FakeTarget good = fakeTarget("good", 200);
        FakeTarget bad = fakeTarget("bad", 500);
        Fulcrum f = start(forwardingTo(group("web", check("/health", "200", 2, 2), good.port(), bad.port())),
                java.time.Clock.systemUTC());
        awaitHealth(f, "web", good.port(), TargetHealth.HEALTHY);
        awaitHealth(f, "web", bad.port(), TargetHealth.responseCodeMismatch(500));

        assertThat(count(f, 10)).containsExactly(Map.entry("good", 10));
        TargetGroup g = f.targetGroups().get("web");
        assertThat(g.healthyTargetCount()).isEqualTo(1);
        assertThat(g.unhealthyTargetCount()).isEqualTo(1);
    }

    @Test
    void whenEveryTargetIsUnhealthyRequestsGoToAllOfThem() throws Exception {
        FakeTarget a = fakeTarget("a", 500);
        FakeTarget b = fakeTarget("b", 404);
        Fulcrum f = start(forwardingTo(group("web", check("/health", "200", 2, 2), a.port(), b.port())),
                java.time.Clock.systemUTC());
        awaitState(f, "web", a.port(), State.UNHEALTHY);
        awaitHealth(f, "web", b.port(), TargetHealth.responseCodeMismatch(404));
        // A target's new health shows a moment before its group publishes the routing that follows from it.
        HealthConfigs.awaitFailover(f, "web", true);

        assertThat(count(f, 10)).containsOnly(Map.entry("a", 5), Map.entry("b", 5));
        assertThat(f.targetGroups().get("web").unhealthyTargetCount()).isEqualTo(2);
    }

    @Test
    void initialTargetsServeOnlyWhileNoTargetIsHealthy() {
        TargetGroupConfig config = group("web", HealthCheckConfig.defaults(), 9001, 9002);
        try (TargetGroupFixture fixture = new TargetGroupFixture(config, java.time.Clock.systemUTC())) {
            TargetGroup g = fixture.group();
            Target a = fixture.get(0);
            Target b = fixture.get(1);
            assertThat(g.routable()).containsExactly(a, b);
            g.transition(a, TargetHealth.HEALTHY);
            assertThat(g.routable()).containsExactly(a);
            g.transition(a, TargetHealth.TIMEOUT);
            assertThat(g.routable()).containsExactly(b); // b still initial
            g.transition(b, TargetHealth.FAILED_HEALTH_CHECKS);
            assertThat(g.routable()).containsExactly(a, b); // all unhealthy: fail open
        }
    }

    @Test
    void slowStartRampsANewlyHealthyTargetsWeightLinearly() {
        SteppedClock clock = new SteppedClock(Instant.parse("2026-01-01T00:00:00Z"));
        TargetGroupConfig config = group("web", HealthCheckConfig.defaults(),
                attributes(Algorithm.ROUND_ROBIN, Duration.ofSeconds(300), RAMP),
                List.of(target(9001), target(9002)));
        try (TargetGroupFixture fixture = new TargetGroupFixture(config, clock)) {
            TargetGroup g = fixture.group();
            Target a = fixture.get(0);
            Target b = fixture.get(1);
            g.transition(a, TargetHealth.HEALTHY);
            g.transition(b, TargetHealth.HEALTHY);
            // Registered together, before any target was healthy: neither ramps (ALB's first batch).
            assertThat(a.isRamping()).isFalse();
            assertThat(b.isRamping()).isFalse();

            g.transition(b, TargetHealth.TIMEOUT);
            g.transition(b, TargetHealth.HEALTHY); // healthy again while a serves: b ramps
            assertThat(b.isRamping()).isTrue();
            assertThat(b.weight()).isLessThan(1);
            clock.step(RAMP.dividedBy(2));
            assertThat(b.weight()).isCloseTo(50, within(0.01));
            assertThat(a.weight()).isEqualTo(100);

            Balancer roundRobin = Balancer.roundRobin(g::nextRotation);
            Map<Target, Integer> picks = new HashMap<>();
            for (int i = 0; i < 300; i++) {
                picks.merge(roundRobin.pick(g.routable()), 1, Integer::sum);
            }
            assertThat(picks).containsEntry(a, 200).containsEntry(b, 100);

            clock.step(RAMP.dividedBy(2));
            assertThat(b.weight()).isEqualTo(100);
            assertThat(b.isRamping()).isFalse();
        }
    }

    @Test
    void aTargetRegisteredNextToHealthyOnesRampsThroughTheBalancer() throws Exception {
        SteppedClock clock = new SteppedClock(Instant.parse("2026-01-01T00:00:00Z"));
        FakeTarget a = fakeTarget("a", 200);
        FakeTarget b = fakeTarget("b", 200);
        HealthCheckConfig check = check("/health", "200", 2, 2);
        TargetGroupConfig first = group("web", check, attributes(Algorithm.ROUND_ROBIN, Duration.ofSeconds(5), RAMP),
                List.of(target(a.port())));
        Fulcrum f = start(forwardingTo(first), clock);
        awaitHealth(f, "web", a.port(), TargetHealth.HEALTHY);

        f.reload(forwardingTo(group("web", check, first.attributes(), List.of(target(a.port()), target(b.port())))));
        awaitHealth(f, "web", b.port(), TargetHealth.HEALTHY);
        assertThat(HealthConfigs.target(f, "web", b.port()).isRamping()).isTrue();

        clock.step(RAMP.dividedBy(3)); // b at a third of its weight: one request in four
        assertThat(count(f, 40)).containsEntry("a", 30).containsEntry("b", 10);
        clock.step(RAMP);
        assertThat(count(f, 40)).containsEntry("a", 20).containsEntry("b", 20);
    }
}
