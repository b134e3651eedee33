package dev.fulcrum.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.fulcrum.config.ActionConfig.WeightedTargetGroup;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class ForwardActionTest {

    private static final int PICKS = 100_000;

    @Test
    void singleTargetGroupIsAlwaysPicked() {
        ForwardAction forward = new ForwardAction(List.of(new WeightedTargetGroup("web", 1)));

        assertThat(forward.pickTargetGroup(new Random(42))).isEqualTo("web");
        assertThat(forward.type()).isEqualTo("forward");
    }

    @Test
    void singleTargetGroupIsPickedEvenWithWeightZero() {
        ForwardAction forward = new ForwardAction(List.of(new WeightedTargetGroup("web", 0)));

        assertThat(forward.pickTargetGroup(new Random(42))).isEqualTo("web");
    }

    @Test
    void weightedGroupsSplitTrafficInProportionToTheirWeights() {
        ForwardAction forward = new ForwardAction(List.of(new WeightedTargetGroup("blue", 10),
                new WeightedTargetGroup("green", 20), new WeightedTargetGroup("canary", 1)));

        Map<String, Integer> counts = pick(forward, new Random(42));

        assertThat(share(counts, "blue")).isCloseTo(10.0 / 31, within(0.01));
        assertThat(share(counts, "green")).isCloseTo(20.0 / 31, within(0.01));
        assertThat(share(counts, "canary")).isCloseTo(1.0 / 31, within(0.01));
    }

    @Test
    void groupWithWeightZeroIsNeverPicked() {
        ForwardAction forward = new ForwardAction(List.of(new WeightedTargetGroup("old", 0),
                new WeightedTargetGroup("new", 999)));

        assertThat(pick(forward, RandomGenerator.of("L64X128MixRandom"))).containsOnlyKeys("new");
    }

    @Test
    void noGroupIsPickedWhenEveryWeightIsZero() {
        ForwardAction forward = new ForwardAction(List.of(new WeightedTargetGroup("a", 0),
                new WeightedTargetGroup("b", 0)));

        assertThat(forward.pickTargetGroup(new Random(42))).isNull();
    }

    private static Map<String, Integer> pick(ForwardAction forward, RandomGenerator random) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < PICKS; i++) {
            counts.merge(forward.pickTargetGroup(random), 1, Integer::sum);
        }
        return counts;
    }

    private static double share(Map<String, Integer> counts, String name) {
        return counts.getOrDefault(name, 0) / (double) PICKS;
    }
}
