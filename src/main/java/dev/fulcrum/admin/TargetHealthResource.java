package dev.fulcrum.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fulcrum.config.HealthCheckConfig;
import dev.fulcrum.config.MinimumHealthyTargets;
import dev.fulcrum.target.RoutableTargets;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetGroup;
import dev.fulcrum.target.TargetGroups;
import dev.fulcrum.target.TargetHealth;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /api/v1/target-health[?group=NAME]}: every target of every target group with its state, reason and
 * description, shaped like DescribeTargetHealth's {@code TargetHealthDescriptions} (plus the group's name and ARN
 * on each entry, since one answer covers all groups), and Fulcrum's summary of each group under
 * {@code TargetGroups}: healthy and active targets, and whether the group is in routing failover.
 */
public final class TargetHealthResource implements AdminResource {

    public static final String PATH = "/api/v1/target-health";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<TargetGroups> groups;

    public TargetHealthResource(Supplier<TargetGroups> groups) {
        this.groups = groups;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public AdminResponse handle(FullHttpRequest request) throws Exception {
        List<String> only = new QueryStringDecoder(request.uri()).parameters().getOrDefault("group", List.of());
        ObjectNode root = JSON.createObjectNode();
        ArrayNode descriptions = root.putArray("TargetHealthDescriptions");
        ArrayNode summaries = root.putArray("TargetGroups");
        for (TargetGroup g : groups.get().all()) {
            if (!only.isEmpty() && !only.contains(g.name())) {
                continue;
            }
            for (Target t : g.targets()) {
                descriptions.add(describe(g, t));
            }
            summaries.add(summarize(g));
        }
        return AdminResponse.json(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    /**
     * Fulcrum's: the group's health as routing sees it, the figures of HealthyHostCount and UnhealthyStateRouting
     * ({@code target_group_health.unhealthy_state_routing}): in failover, unhealthy targets receive requests too.
     */
    private static ObjectNode summarize(TargetGroup g) {
        RoutableTargets routing = g.routing();
        MinimumHealthyTargets minimum = g.config().attributes().unhealthyStateRouting();
        ObjectNode s = JSON.createObjectNode();
        s.put("TargetGroupName", g.name());
        s.put("TargetGroupArn", g.arn());
        s.put("HealthyTargetCount", routing.healthy());
        s.put("ActiveTargetCount", routing.active());
        s.put("RoutingFailover", routing.failover());
        ObjectNode threshold = s.putObject("UnhealthyStateRoutingMinimumHealthyTargets");
        threshold.put("Count", minimum.count());
        threshold.put("Percentage", minimum.percentage() == MinimumHealthyTargets.OFF ? "off"
                : String.valueOf(minimum.percentage()));
        return s;
    }

    private static ObjectNode describe(TargetGroup g, Target t) {
        ObjectNode d = JSON.createObjectNode();
        d.put("TargetGroupName", g.name());
        d.put("TargetGroupArn", g.arn());
        ObjectNode target = d.putObject("Target");
        target.put("Id", t.id());
        target.put("Port", t.port());
        int checkPort = g.config().healthCheck().port();
        d.put("HealthCheckPort", String.valueOf(checkPort == HealthCheckConfig.TRAFFIC_PORT ? t.port() : checkPort));
        TargetHealth h = t.health();
        ObjectNode health = d.putObject("TargetHealth");
        health.put("State", h.state().apiName());
        if (h.reason() != null) {
            health.put("Reason", h.reason());
            health.put("Description", h.description());
        }
        return d;
    }
}
