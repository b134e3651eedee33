package dev.fulcrum.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fulcrum.observability.CloudWatchMetrics;
import dev.fulcrum.observability.CloudWatchView;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * {@code GET /api/v1/metrics}: the counters under CloudWatch's exact names, per load balancer and per target group,
 * and under the Classic Load Balancer's names; see {@link CloudWatchView}.
 */
public final class CloudWatchMetricsResource implements AdminResource {

    private final CloudWatchMetrics metrics;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public CloudWatchMetricsResource(CloudWatchMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String path() {
        return "/api/v1/metrics";
    }

    @Override
    public AdminResponse handle(FullHttpRequest request) throws Exception {
        return AdminResponse.json(json.writeValueAsString(CloudWatchView.of(metrics)));
    }
}
