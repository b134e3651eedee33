package dev.fulcrum.admin;

import static dev.fulcrum.testing.AdminPages.sample;
import static dev.fulcrum.testing.TestConfigs.forwardingTo;
import static dev.fulcrum.testing.TestConfigs.group;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fulcrum.core.ResourceIds;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.lab.RefusedPort;
import dev.fulcrum.target.TargetHealth;
import dev.fulcrum.testing.AdminPages;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.HealthConfigs;
import dev.fulcrum.testing.TestBalancer;
import org.junit.jupiter.api.Test;

/** {@code /metrics} (Prometheus) and {@code /api/v1/metrics} (CloudWatch names) after real traffic. */
class MetricsEndpointTest {

    private static RawHttpClient.Response admin(TestBalancer lb, String path) {
        return AdminPages.get(lb, path);
    }

    @Test
    void prometheusScrapeShowsTargetAndElbCountsUnderCloudWatchNamesWithLabels() throws Exception {
        try (FakeTarget ok = FakeTarget.start("ok").behave(FakeTarget.text(200, "fine"));
                FakeTarget failing = FakeTarget.start("bad").behave(FakeTarget.text(502, "bad gateway"));
                TestBalancer lb = TestBalancer.start(forwardingTo(group("web", ok, failing)))) {
            try (RawHttpClient c = lb.connect()) {
                for (int i = 0; i < 4; i++) {
                    c.get("/" + i).readResponse();
                }
            }
            lb.log().awaitRecord(4);
            RawHttpClient.Response r = admin(lb, "/metrics");

            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            String scrape = r.bodyText();
            String tg = "target_group=\"" + ResourceIds.targetGroupId("test-lb", "web") + "\"";
            String lbLabel = "load_balancer=\"" + ResourceIds.loadBalancerId("test-lb") + "\"";
            assertThat(sample(scrape, "HTTPCode_Target_2XX_Count_total", tg)).isEqualTo(2);
            assertThat(sample(scrape, "HTTPCode_Target_5XX_Count_total", "target=\"127.0.0.1:" + failing.port()))
                    .isEqualTo(2);
            assertThat(sample(scrape, "HTTPCode_ELB_5XX_Count_total", lbLabel)).isZero();
            assertThat(sample(scrape, "RequestCount_total", tg)).isEqualTo(4);
            assertThat(sample(scrape, "RequestCountPerTarget_total", "target=\"127.0.0.1:" + ok.port())).isEqualTo(2);
            // One client connection and one pooled connection to each target, as ALB counts both kinds.
            assertThat(sample(scrape, "NewConnectionCount_total", lbLabel)).isEqualTo(3);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                    sample(admin(lb, "/metrics").bodyText(), "ActiveConnectionCount", lbLabel) == 2);
            assertThat(sample(scrape, "HealthyHostCount", tg)).isEqualTo(2);
            assertThat(sample(scrape, "UnHealthyHostCount", tg)).isZero();
            assertThat(sample(scrape, "TargetResponseTime_seconds_count", tg)).isEqualTo(4);
            // A Prometheus histogram: p50/p90/p99 are histogram_quantile() over its buckets.
            assertThat(scrape).contains("# TYPE TargetResponseTime_seconds histogram")
                    .contains("TargetResponseTime_seconds_bucket{");
            assertThat(sample(scrape, "ProcessedBytes_total", lbLabel)).isPositive();
            JsonNode json = new ObjectMapper().readTree(admin(lb, "/api/v1/metrics").bodyText());
            JsonNode responseTime = json.at("/targetGroups/0/metrics/TargetResponseTime");
            assertThat(responseTime.get("SampleCount").asLong()).isEqualTo(4);
            assertThat(responseTime.get("p50").asDouble()).isPositive();
            assertThat(responseTime.get("p99").asDouble()).isGreaterThanOrEqualTo(responseTime.get("p90").asDouble());
        }
    }

    @Test
    void jsonViewGivesCloudWatchNamesPerLoadBalancerAndTargetGroupAndCountsAnElb502() throws Exception {
        try (RefusedPort closed = RefusedPort.reserve();
                TestBalancer lb = TestBalancer.start(forwardingTo(dev.fulcrum.testing.TestConfigs.group("web",
                        dev.fulcrum.config.Algorithm.ROUND_ROBIN,
                        java.util.List.of(dev.fulcrum.testing.TestConfigs.target(closed.port())))))) {
            try (RawHttpClient c = lb.connect()) {
                assertThat(c.get("/").readResponse().status()).isEqualTo(502);
            }
            lb.log().awaitRecord(1);
            RawHttpClient.Response r = admin(lb, "/api/v1/metrics");
            JsonNode json = new ObjectMapper().readTree(r.bodyText());

            assertThat(r.header("Content-Type")).isEqualTo("application/json");
            JsonNode lbMetrics = json.at("/loadBalancer/metrics");
            assertThat(json.at("/loadBalancer/LoadBalancer").asText()).isEqualTo(ResourceIds.loadBalancerId("test-lb"));
            assertThat(lbMetrics.get("HTTPCode_ELB_5XX_Count").asLong()).isEqualTo(1);
            assertThat(lbMetrics.get("HTTPCode_ELB_502_Count").asLong()).isEqualTo(1);
            assertThat(lbMetrics.get("HTTPCode_Target_5XX_Count").asLong()).isZero();
            assertThat(lbMetrics.get("TargetConnectionErrorCount").asLong()).isEqualTo(1);
            assertThat(lbMetrics.get("Fulcrum_ErrorReason_Count").asLong()).isEqualTo(1);
            JsonNode tg = json.at("/targetGroups/0");
            assertThat(tg.get("TargetGroup").asText()).isEqualTo(ResourceIds.targetGroupId("test-lb", "web"));
            assertThat(tg.at("/metrics/RequestCount").asLong()).isEqualTo(1);
            assertThat(tg.at("/metrics/HealthyHostCount").asLong()).isEqualTo(1);
            assertThat(json.at("/classic/metrics/BackendConnectionErrors").asLong()).isEqualTo(1);
            assertThat(json.at("/classic/namespace").asText()).isEqualTo("AWS/ELB");
        }
    }

    @Test
    void hostCountsFollowHealthChecksAndHealthChecksAreNotCountedAsRequests() throws Exception {
        try (FakeTarget good = FakeTarget.start("good").behave(FakeTarget.text(200, "ok"));
                FakeTarget bad = FakeTarget.start("bad").behave((req, ctx) ->
                        FakeTarget.text(req.uri().equals("/health") ? 500 : 200, "bad").respond(req, ctx));
                TestBalancer lb = TestBalancer.start(forwardingTo(HealthConfigs.group("web",
                        HealthConfigs.check("/health", "200", 2, 2), good.port(), bad.port())))) {
            HealthConfigs.awaitHealth(lb.fulcrum(), "web", good.port(),
                    TargetHealth.HEALTHY);
            HealthConfigs.awaitHealth(lb.fulcrum(), "web", bad.port(),
                    TargetHealth.responseCodeMismatch(500));

            JsonNode json = new ObjectMapper().readTree(admin(lb, "/api/v1/metrics").bodyText());
            assertThat(json.at("/targetGroups/0/metrics/HealthyHostCount").asLong()).isEqualTo(1);
            assertThat(json.at("/targetGroups/0/metrics/UnHealthyHostCount").asLong()).isEqualTo(1);
            assertThat(good.receivedCount() + bad.receivedCount()).isPositive(); // the checks ran
            assertThat(json.at("/loadBalancer/metrics/RequestCount").asLong()).isZero();
            assertThat(json.at("/loadBalancer/metrics/NewConnectionCount").asLong()).isZero();
            assertThat(lb.log().all()).isEmpty(); // nor logged, as ALB's access logs leave them out
        }
    }

    @Test
    void afterAReloadTheHostCountsAreThoseOfTheGroupsInService() throws Exception {
        try (FakeTarget t = FakeTarget.start("t").behave(FakeTarget.text(200, "ok"));
                TestBalancer lb = TestBalancer.start(forwardingTo(group("web", t)))) {
            try (RawHttpClient c = lb.connect()) {
                assertThat(c.get("/").readResponse().status()).isEqualTo(200);
            }
            lb.log().awaitRecord(1);
            lb.fulcrum().reload(forwardingTo(group("api", t)));

            JsonNode json = new ObjectMapper().readTree(admin(lb, "/api/v1/metrics").bodyText());
            JsonNode groups = json.get("targetGroups");
            String api = ResourceIds.targetGroupId("test-lb", "api");
            String web = ResourceIds.targetGroupId("test-lb", "web");
            assertThat(groups.findValuesAsText("TargetGroup")).containsExactlyInAnyOrder(api, web);
            for (JsonNode g : groups) {
                if (g.get("TargetGroup").asText().equals(api)) {
                    assertThat(g.at("/metrics/HealthyHostCount").isMissingNode()).isFalse();
                } else {
                    // The removed group keeps its totals since start, but has no hosts to count any more.
                    assertThat(g.at("/metrics/RequestCount").asLong()).isEqualTo(1);
                    assertThat(g.at("/metrics/HealthyHostCount").isMissingNode()).isTrue();
                }
            }
        }
    }
}
