package dev.fulcrum.admin;

import static dev.fulcrum.testing.HealthConfigs.awaitHealth;
import static dev.fulcrum.testing.HealthConfigs.check;
import static dev.fulcrum.testing.HealthConfigs.group;
import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.listener;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.target.TargetHealth;
import dev.fulcrum.testing.Closer;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.TestBalancer;
import dev.fulcrum.testing.TestConfigs;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/target-health}: DescribeTargetHealth's shape for every target of every group. */
class TargetHealthResourceTest {

    private final Closer open = new Closer();

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    @Test
    void listsEveryTargetOfEveryGroupWithStateReasonAndDescription() throws Exception {
        FakeTarget good = open.keep(FakeTarget.start("good"));
        FakeTarget missing = open.keep(FakeTarget.start("missing").behave(FakeTarget.text(404, "no")));
        FakeTarget plain = open.keep(FakeTarget.start("plain"));
        TestBalancer lb = open.keep(TestBalancer.start(config(LoadBalancerAttributes.defaults(),
                listener(List.of(), forward("web")),
                group("web", check("/", "200", 2, 2), good.port(), missing.port()),
                group("api", TestConfigs.NO_HEALTH_CHECK, plain.port()))));
        awaitHealth(lb.fulcrum(), "web", good.port(), TargetHealth.HEALTHY);
        awaitHealth(lb.fulcrum(), "web", missing.port(), TargetHealth.responseCodeMismatch(404));

        JsonNode all = get(lb, TargetHealthResource.PATH);
        JsonNode d = all.get("TargetHealthDescriptions");
        assertThat(d).hasSize(3);
        assertThat(d.get(0).get("TargetGroupName").asText()).isEqualTo("web");
        assertThat(d.get(0).get("TargetGroupArn").asText()).isEqualTo(lb.fulcrum().targetGroups().get("web").arn())
                .startsWith("arn:aws:elasticloadbalancing:local:000000000000:targetgroup/web/");
        assertThat(d.get(0).get("Target").get("Id").asText()).isEqualTo("127.0.0.1");
        assertThat(d.get(0).get("Target").get("Port").asInt()).isEqualTo(good.port());
        assertThat(d.get(0).get("HealthCheckPort").asText()).isEqualTo(String.valueOf(good.port()));
        assertThat(d.get(0).get("TargetHealth").get("State").asText()).isEqualTo("healthy");
        assertThat(d.get(0).get("TargetHealth").has("Reason")).isFalse();
        JsonNode unhealthy = d.get(1).get("TargetHealth");
        assertThat(unhealthy.get("State").asText()).isEqualTo("unhealthy");
        assertThat(unhealthy.get("Reason").asText()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(unhealthy.get("Description").asText()).isEqualTo("Health checks failed with these codes: [404]");
        assertThat(d.get(2).get("TargetGroupName").asText()).isEqualTo("api");
        // No listener forwards to api: ALB neither checks nor counts its targets.
        assertThat(d.get(2).get("TargetHealth").get("State").asText()).isEqualTo("unused");
        assertThat(d.get(2).get("TargetHealth").get("Reason").asText()).isEqualTo("Target.NotInUse");
        assertThat(d.get(2).get("TargetHealth").get("Description").asText())
                .isEqualTo("Target group is not configured to receive traffic from the load balancer");

        JsonNode groups = all.get("TargetGroups");
        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).get("TargetGroupName").asText()).isEqualTo("web");
        assertThat(groups.get(0).get("HealthyTargetCount").asInt()).isEqualTo(1);
        assertThat(groups.get(0).get("ActiveTargetCount").asInt()).isEqualTo(2);
        assertThat(groups.get(0).get("RoutingFailover").asBoolean()).isFalse(); // ALB's minimum: one healthy
        assertThat(groups.get(0).get("UnhealthyStateRoutingMinimumHealthyTargets").get("Count").asInt()).isEqualTo(1);
        assertThat(groups.get(0).get("UnhealthyStateRoutingMinimumHealthyTargets").get("Percentage").asText())
                .isEqualTo("off");
        assertThat(groups.get(1).get("ActiveTargetCount").asInt()).isZero(); // api's target is unused

        JsonNode api = get(lb, TargetHealthResource.PATH + "?group=api");
        assertThat(api.get("TargetHealthDescriptions")).hasSize(1);
        assertThat(api.get("TargetHealthDescriptions").get(0).get("Target").get("Port").asInt())
                .isEqualTo(plain.port());
        assertThat(api.get("TargetGroups")).hasSize(1);
    }

    private static JsonNode get(TestBalancer lb, String path) throws Exception {
        try (RawHttpClient c = RawHttpClient.connect(lb.fulcrum().adminAddress())) {
            RawHttpClient.Response r = c.get(path).readResponse();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("application/json");
            return new ObjectMapper().readTree(r.bodyText());
        }
    }
}
