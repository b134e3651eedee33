package dev.fulcrum.target;

import static dev.fulcrum.testing.AdminPages.awaitSample;
import static dev.fulcrum.testing.AdminPages.sample;
import static dev.fulcrum.testing.HealthConfigs.awaitFailover;
import static dev.fulcrum.testing.HealthConfigs.awaitHealth;
import static dev.fulcrum.testing.HealthConfigs.check;
import static dev.fulcrum.testing.HealthConfigs.group;
import static dev.fulcrum.testing.TestConfigs.forwardingTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fulcrum.config.MinimumHealthyTargets;
import dev.fulcrum.core.ResourceIds;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.AdminPages;
import dev.fulcrum.testing.Answers;
import dev.fulcrum.testing.Closer;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.TestBalancer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Routing failover on real sockets: targets whose health checks fail, a group whose minimum of healthy targets is
 * not met, and what the client, the exchange records and {@code /metrics} see.
 */
class RoutingFailoverEndToEndTest {

    private static final String TG_LABEL = "target_group=\"" + ResourceIds.targetGroupId("test-lb", "web") + "\"";
    private final Closer open = new Closer();

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    /** A target answering {@code /health} with the status it holds, and anything else 200 with its name. */
    private FakeTarget target(String name, AtomicInteger checkStatus) {
        FakeTarget t = FakeTarget.start(name).behave((req, ctx) -> FakeTarget.text(
                req.uri().equals("/health") ? checkStatus.get() : 200, name).respond(req, ctx));
        open.keep(t);
        return t;
    }

    private static Map<String, Integer> count(TestBalancer lb, int requests) {
        return Answers.byTarget(lb.port(), requests);
    }

    @Test
    void belowTheMinimumCountRequestsReachUnhealthyTargetsUntilEnoughAreHealthyAgain() throws Exception {
        AtomicInteger aStatus = new AtomicInteger(200);
        AtomicInteger bStatus = new AtomicInteger(500);
        FakeTarget a = target("a", aStatus);
        FakeTarget b = target("b", bStatus);
        FakeTarget c = target("c", new AtomicInteger(404));
        TestBalancer lb = TestBalancer.start(forwardingTo(group("web", check("/health", "200", 2, 2),
                new MinimumHealthyTargets(2, MinimumHealthyTargets.OFF), a.port(), b.port(), c.port())));
        open.keep(lb);
        awaitHealth(lb.fulcrum(), "web", a.port(), TargetHealth.HEALTHY);
        awaitHealth(lb.fulcrum(), "web", b.port(), TargetHealth.responseCodeMismatch(500));
        awaitHealth(lb.fulcrum(), "web", c.port(), TargetHealth.responseCodeMismatch(404));
        awaitFailover(lb.fulcrum(), "web", true);

        // One healthy target of a minimum of two: failover, every target serves.
        assertThat(count(lb, 9)).containsOnly(Map.entry("a", 3), Map.entry("b", 3), Map.entry("c", 3));
        String scrape = awaitSample(lb, "RequestCount_total", TG_LABEL, 9);
        assertThat(lb.log().all()).hasSize(9).allMatch(ExchangeRecord::unhealthyRouting);
        assertThat(sample(scrape, "UnhealthyRoutingRequestCount_total", TG_LABEL)).isEqualTo(9);
        assertThat(sample(scrape, "UnhealthyStateRouting", TG_LABEL)).isEqualTo(1);
        assertThat(sample(scrape, "HealthyStateRouting", TG_LABEL)).isZero();
        assertThat(sample(scrape, "HealthyHostCount", TG_LABEL)).isEqualTo(1);
        assertThat(sample(scrape, "UnHealthyHostCount", TG_LABEL)).isEqualTo(2);

        // b passes its checks again: two healthy, the minimum is met, only they serve.
        bStatus.set(200);
        awaitHealth(lb.fulcrum(), "web", b.port(), TargetHealth.HEALTHY);
        awaitFailover(lb.fulcrum(), "web", false);
        assertThat(count(lb, 10)).containsOnly(Map.entry("a", 5), Map.entry("b", 5));
        scrape = awaitSample(lb, "RequestCount_total", TG_LABEL, 19);
        assertThat(lb.log().all().subList(9, 19)).noneMatch(ExchangeRecord::unhealthyRouting);
        assertThat(sample(scrape, "UnhealthyRoutingRequestCount_total", TG_LABEL)).isEqualTo(9);
        assertThat(sample(scrape, "UnhealthyStateRouting", TG_LABEL)).isZero();
        assertThat(sample(scrape, "HealthyStateRouting", TG_LABEL)).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(AdminPages.get(lb, "/api/v1/metrics").bodyText());
        assertThat(json.at("/loadBalancer/metrics/UnhealthyRoutingRequestCount").asLong()).isEqualTo(9);
        assertThat(json.at("/targetGroups/0/metrics/UnhealthyRoutingRequestCount").asLong()).isEqualTo(9);
        assertThat(json.at("/targetGroups/0/metrics/UnhealthyStateRouting").asLong()).isZero();
        assertThat(json.at("/targetGroups/0/metrics/HealthyStateRouting").asLong()).isEqualTo(1);
        assertThat(json.at("/loadBalancer/metrics/UnhealthyStateRouting").isMissingNode()).isTrue();
    }

    @Test
    void everyTargetUnhealthyIsFailoverWithTheDefaultThresholdAndIsCounted() throws Exception {
        FakeTarget a = target("a", new AtomicInteger(500));
        FakeTarget b = target("b", new AtomicInteger(503));
        TestBalancer lb = TestBalancer.start(forwardingTo(group("web", check("/health", "200", 2, 2),
                a.port(), b.port())));
        open.keep(lb);
        awaitHealth(lb.fulcrum(), "web", a.port(), TargetHealth.responseCodeMismatch(500));
        awaitHealth(lb.fulcrum(), "web", b.port(), TargetHealth.responseCodeMismatch(503));
        awaitFailover(lb.fulcrum(), "web", true);

        assertThat(count(lb, 4)).containsOnly(Map.entry("a", 2), Map.entry("b", 2)); // ALB's fail-open
        String scrape = awaitSample(lb, "UnhealthyRoutingRequestCount_total", TG_LABEL, 4);
        assertThat(sample(scrape, "UnhealthyStateRouting", TG_LABEL)).isEqualTo(1);
    }
}
