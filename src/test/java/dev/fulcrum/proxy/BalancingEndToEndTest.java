package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forwardWeighted;
import static dev.fulcrum.testing.TestConfigs.forwardingTo;
import static dev.fulcrum.testing.TestConfigs.group;
import static dev.fulcrum.testing.TestConfigs.listener;
import static dev.fulcrum.testing.TestConfigs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.config.ActionConfig.WeightedTargetGroup;
import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.target.Target;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.testing.TestBalancer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BalancingEndToEndTest {

    private FakeTarget a;
    private FakeTarget b;
    private TestBalancer lb;

    @BeforeEach
    void start() {
        a = FakeTarget.start("a");
        b = FakeTarget.start("b");
    }

    @AfterEach
    void stop() {
        if (lb != null) {
            lb.close();
        }
        a.close();
        b.close();
    }

    private Map<String, Integer> countResponses(int requests) {
        Map<String, Integer> counts = new HashMap<>();
        try (RawHttpClient c = lb.connect()) {
            for (int i = 0; i < requests; i++) {
                counts.merge(c.get("/").readResponse().bodyText(), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Test
    void roundRobinAlternatesBetweenTargets() {
        lb = TestBalancer.start(forwardingTo(group("web", a, b)));
        Map<String, Integer> counts = countResponses(10);
        assertThat(counts).containsEntry("a", 5).containsEntry("b", 5);
    }

    @Test
    void roundRobinIsOneRotationAcrossConnectionsAndEventLoops() {
        lb = TestBalancer.start(forwardingTo(group("web", a, b)));
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            try (RawHttpClient c = lb.connect()) {
                served.add(c.get("/").readResponse().bodyText());
            }
        }
        assertThat(served).containsExactly("a", "b", "a", "b", "a", "b");
    }

    @Test
    void aTargetWithWeightZeroReceivesNothing() {
        for (Algorithm algorithm : Algorithm.values()) {
            lb = TestBalancer.start(forwardingTo(group("web", algorithm, List.of(target(a, 100), target(b, 0)))));
            assertThat(countResponses(20)).as(algorithm.key()).containsOnlyKeys("a");
            lb.close();
            lb = null;
        }
    }

    @Test
    void weightedRandomSplitsByTargetWeightWithinTolerance() {
        lb = TestBalancer.start(forwardingTo(group("web", Algorithm.WEIGHTED_RANDOM,
                List.of(target(a, 25), target(b, 75)))));
        Map<String, Integer> counts = countResponses(800);
        // Expected 200 / 600; 6 standard deviations (sd ~ 12) keeps this from ever flaking.
        assertThat(counts.get("a")).isBetween(130, 270);
        assertThat(counts.get("b")).isBetween(530, 670);
    }

    @Test
    void weightedTargetGroupsSplitTrafficByWeight() {
        var groupA = group("ga", a);
        var groupB = group("gb", b);
        lb = TestBalancer.start(config(LoadBalancerAttributes.defaults(),
                listener(List.of(), forwardWeighted(new WeightedTargetGroup("ga", 1), new WeightedTargetGroup("gb", 3))),
                groupA, groupB));
        Map<String, Integer> counts = countResponses(800);
        assertThat(counts.get("a")).isBetween(130, 270);
        assertThat(counts.get("b")).isBetween(530, 670);
    }

    @Test
    void leastOutstandingRequestsPrefersTheIdleTarget() {
        // a holds every request until the end of the test (a timed delay could end while requests are still
        // being sent); b answers at once. Once a has one request outstanding, every new request must go to b,
        // which is idle again once the balancer has finished its exchange.
        CompletableFuture<Void> answer = new CompletableFuture<>();
        a.behave(FakeTarget.heldUntil(answer, FakeTarget.text(200, "a")));
        lb = TestBalancer.start(forwardingTo(group("web", Algorithm.LEAST_OUTSTANDING_REQUESTS,
                List.of(target(a, 100), target(b, 100)))));
        Target targetB = lb.fulcrum().targetGroups().get("web").find("127.0.0.1", b.port());
        List<RawHttpClient> waitingOnA = new ArrayList<>();
        int answeredByB = 0;
        for (int i = 0; i < 20; i++) {
            RawHttpClient c = lb.connect();
            c.get("/" + i);
            int sent = i + 1;
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10))
                    .until(() -> a.receivedCount() + b.receivedCount() == sent);
            if (b.receivedCount() > answeredByB) {
                assertThat(c.readResponse().bodyText()).isEqualTo("b");
                answeredByB++;
                c.close();
                // The client can read b's answer before b's event loop has counted the exchange finished.
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10))
                        .until(() -> targetB.outstandingRequests() == 0);
            } else {
                waitingOnA.add(c);
            }
        }
        assertThat(waitingOnA).hasSize(1);
        assertThat(answeredByB).isEqualTo(19);
        answer.complete(null);
        for (RawHttpClient c : waitingOnA) {
            assertThat(c.readResponse().bodyText()).isEqualTo("a");
            c.close();
        }
    }
}
