package dev.fulcrum.balancing;

import static dev.fulcrum.balancing.TestEndpoint.pickCounts;
import static dev.fulcrum.balancing.TestEndpoint.pickNames;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RoundRobinBalancerTest {

    private final Balancer balancer = Balancer.roundRobin();
    private final TestEndpoint a = TestEndpoint.of("a");
    private final TestEndpoint b = TestEndpoint.of("b");
    private final TestEndpoint c = TestEndpoint.of("c");
    private final TestEndpoint d = TestEndpoint.of("d");

    @Test
    void equalWeightsRotateInListOrder() {
        assertThat(pickNames(balancer, List.of(a, b, c), 7)).containsExactly("a", "b", "c", "a", "b", "c", "a");
    }

    @Test
    void emptyListOrOnlyWeightZeroPicksNothing() {
        assertThat(balancer.pick(List.<TestEndpoint>of())).isNull();
        assertThat(balancer.pick(List.of(a.weight(0), b.weight(0)))).isNull();
    }

    @Test
    void weightZeroIsSkippedInRotation() {
        b.weight(0);

        assertThat(pickNames(balancer, List.of(a, b, c), 4)).containsExactly("a", "c", "a", "c");
    }

    @Test
    void rotationContinuesAfterTheLastPickWhenAnEndpointJoins() {
        assertThat(pickNames(balancer, List.of(a, b, c), 2)).containsExactly("a", "b");

        assertThat(pickNames(balancer, List.of(d, a, b, c), 4)).containsExactly("c", "d", "a", "b");
    }

    @Test
    void rotationDoesNotSkipAnyoneWhenAnEarlierEndpointLeaves() {
        assertThat(pickNames(balancer, List.of(a, b, c), 2)).containsExactly("a", "b");

        assertThat(pickNames(balancer, List.of(b, c), 3)).containsExactly("c", "b", "c");
    }

    @Test
    void successorIsNextWhenTheLastPickedEndpointLeaves() {
        assertThat(pickNames(balancer, List.of(a, b, c, d), 2)).containsExactly("a", "b");

        assertThat(pickNames(balancer, List.of(a, c, d), 2)).containsExactly("c", "d");
    }

    @Test
    void shrinkingListWrapsAroundWithoutIndexErrors() {
        assertThat(pickNames(balancer, List.of(a, b, c, d), 4)).containsExactly("a", "b", "c", "d");

        assertThat(pickNames(balancer, List.of(a, b), 3)).containsExactly("a", "b", "a");
    }

    @Test
    void rotationStaysFairWhileTheListKeepsChanging() {
        List<TestEndpoint> all = List.of(a, b, c, d);
        List<TestEndpoint> stable = List.of(a, b, c);
        List<String> picked = new ArrayList<>();
        for (int round = 0; round < 300; round++) {
            // d flaps in and out; a, b and c are always there and must share evenly.
            List<TestEndpoint> candidates = round % 2 == 0 ? all : stable;
            picked.addAll(pickNames(balancer, candidates, 5));
        }

        Map<String, Long> counts = countsOf(picked);
        assertThat(counts.get("a")).isCloseTo(counts.get("b"), within(2L));
        assertThat(counts.get("b")).isCloseTo(counts.get("c"), within(2L));
    }

    @Test
    void unequalWeightsUseSmoothWeightedRoundRobin() {
        // nginx's documented sequence for weights 5, 1, 1.
        a.weight(5);

        assertThat(pickNames(balancer, List.of(a, b, c), 7)).containsExactly("a", "a", "b", "a", "c", "a", "a");
    }

    @Test
    void unequalWeightsGetExactSharesOverWholeCycles() {
        a.weight(3);
        b.weight(2);
        c.weight(0);

        Map<String, Integer> counts = pickCounts(balancer, List.of(a, b, c, d), 600);

        assertThat(counts).containsEntry("a", 300).containsEntry("b", 200).containsEntry("d", 100)
                .doesNotContainKey("c");
    }

    @Test
    void fractionalRampingWeightsStayProportional() {
        a.weight(0.25);

        Map<String, Integer> counts = pickCounts(balancer, List.of(a, b), 1_000);

        assertThat(counts.get("a")).isEqualTo(200);
        assertThat(counts.get("b")).isEqualTo(800);
    }

    @Test
    void smoothStateSurvivesAMemberLeavingAndCountsStayProportional() {
        a.weight(2);
        pickNames(balancer, List.of(a, b, c), 5);

        Map<String, Integer> counts = pickCounts(balancer, List.of(a, c), 300);

        assertThat(counts.get("a")).isCloseTo(200, within(2));
        assertThat(counts.get("c")).isCloseTo(100, within(2));
    }

    @Test
    void rotationResumesAfterWeightsBecomeEqualAgain() {
        a.weight(2);
        assertThat(pickNames(balancer, List.of(a, b), 3)).containsExactly("a", "b", "a");

        a.weight(1);

        assertThat(pickNames(balancer, List.of(a, b), 3)).containsExactly("b", "a", "b");
    }

    private static Map<String, Long> countsOf(List<String> names) {
        return names.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
