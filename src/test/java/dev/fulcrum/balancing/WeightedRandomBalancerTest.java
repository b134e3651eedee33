package dev.fulcrum.balancing;

import static dev.fulcrum.balancing.TestEndpoint.pickCounts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedRandomBalancerTest {

    private static final int PICKS = 100_000;

    private final Balancer balancer = Balancer.weightedRandom(new SplittableRandom(42));

    @Test
    void picksInProportionToWeight() {
        List<TestEndpoint> candidates = List.of(new TestEndpoint("a", 1), new TestEndpoint("b", 2),
                new TestEndpoint("c", 7));

        Map<String, Integer> counts = pickCounts(balancer, candidates, PICKS);

        assertThat(counts.get("a") / (double) PICKS).isCloseTo(0.1, within(0.01));
        assertThat(counts.get("b") / (double) PICKS).isCloseTo(0.2, within(0.01));
        assertThat(counts.get("c") / (double) PICKS).isCloseTo(0.7, within(0.01));
    }

    @Test
    void equalWeightsAreUniform() {
        List<TestEndpoint> candidates = List.of(TestEndpoint.of("a"), TestEndpoint.of("b"));

        assertThat(pickCounts(balancer, candidates, PICKS).get("a") / (double) PICKS).isCloseTo(0.5, within(0.01));
    }

    @Test
    void weightZeroIsNeverPickedWhereverItIsInTheList() {
        List<TestEndpoint> candidates = List.of(new TestEndpoint("first", 0), TestEndpoint.of("a"),
                new TestEndpoint("middle", 0), TestEndpoint.of("b"), new TestEndpoint("last", 0));

        assertThat(pickCounts(balancer, candidates, PICKS)).containsOnlyKeys("a", "b");
    }

    @Test
    void nothingIsPickedWithoutAPickableCandidate() {
        assertThat(balancer.pick(List.<TestEndpoint>of())).isNull();
        assertThat(balancer.pick(List.of(new TestEndpoint("a", 0), new TestEndpoint("b", -1),
                new TestEndpoint("c", Double.POSITIVE_INFINITY)))).isNull();
    }

    @Test
    void growingCandidateListIsHandled() {
        List<TestEndpoint> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new TestEndpoint("t" + i, i % 2)); // odd ones pickable
        }

        Map<String, Integer> counts = pickCounts(balancer, many, 10_000);

        assertThat(counts).hasSize(50);
        assertThat(counts.keySet()).allSatisfy(name -> assertThat(Integer.parseInt(name.substring(1)) % 2)
                .isEqualTo(1));
    }
}
