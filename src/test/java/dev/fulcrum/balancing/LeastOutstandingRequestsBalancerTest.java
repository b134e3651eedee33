package dev.fulcrum.balancing;

import static dev.fulcrum.balancing.TestEndpoint.pickCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LeastOutstandingRequestsBalancerTest {

    private final Balancer balancer = Balancer.leastOutstandingRequests(new Random(42));

    @Test
    void prefersTheIdleTarget() {
        TestEndpoint busy = TestEndpoint.of("busy").outstanding(5);
        TestEndpoint idle = TestEndpoint.of("idle");
        TestEndpoint loaded = TestEndpoint.of("loaded").outstanding(1);

        assertThat(pickCounts(balancer, List.of(busy, idle, loaded), 100)).containsOnlyKeys("idle");
    }

    @Test
    void followsTheLoadAsRequestsStartAndFinish() {
        TestEndpoint a = TestEndpoint.of("a").outstanding(2);
        TestEndpoint b = TestEndpoint.of("b").outstanding(3);

        assertThat(balancer.pick(List.of(a, b))).isSameAs(a);
        a.outstanding(4);
        assertThat(balancer.pick(List.of(a, b))).isSameAs(b);
    }

    @Test
    void equallyLoadedTargetsShareRequestsEvenly() {
        List<TestEndpoint> idle = List.of(TestEndpoint.of("a"), TestEndpoint.of("b"), TestEndpoint.of("c"));

        Map<String, Integer> counts = pickCounts(balancer, idle, 30_000);

        assertThat(counts.keySet()).containsExactlyInAnyOrder("a", "b", "c");
        counts.values().forEach(count -> assertThat(count / 30_000.0).isCloseTo(1.0 / 3, within(0.02)));
    }

    @Test
    void tiesAreBrokenOnlyAmongTheLeastLoaded() {
        TestEndpoint a = TestEndpoint.of("a").outstanding(1);
        TestEndpoint b = TestEndpoint.of("b").outstanding(1);
        TestEndpoint c = TestEndpoint.of("c").outstanding(2);

        assertThat(pickCounts(balancer, List.of(c, a, b), 1_000)).containsOnlyKeys("a", "b");
    }

    @Test
    void weightZeroIsNeverPickedEvenWhenIdle() {
        TestEndpoint draining = TestEndpoint.of("draining").weight(0);
        TestEndpoint busy = TestEndpoint.of("busy").outstanding(100);

        assertThat(pickCounts(balancer, List.of(draining, busy), 100)).containsOnlyKeys("busy");
    }

    @Test
    void nothingIsPickedWithoutAPickableCandidate() {
        assertThat(balancer.pick(List.<TestEndpoint>of())).isNull();
        assertThat(balancer.pick(List.of(TestEndpoint.of("a").weight(0), TestEndpoint.of("b").weight(Double.NaN))))
                .isNull();
    }
}
