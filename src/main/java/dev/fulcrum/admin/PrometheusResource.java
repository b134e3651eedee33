package dev.fulcrum.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.FullHttpRequest;

/** {@code GET /metrics}: every metric in Prometheus' text exposition format. */
public final class PrometheusResource implements AdminResource {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public PrometheusResource(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public String path() {
        return "/metrics";
    }

    @Override
    public AdminResponse handle(FullHttpRequest request) {
        return AdminResponse.text(200, CONTENT_TYPE, registry.scrape());
    }
}
