package dev.fulcrum.config;

/**
 * A registered target: an IP address ({@code id}, as ALB's ip target type), a port and a weight.
 *
 * @param weight relative share of requests, 0..100; 0 receives nothing (Alibaba Cloud ALB's server weight)
 */
public record TargetConfig(String id, int port, int weight) {

    public static final int DEFAULT_WEIGHT = 100;
    public static final int MAX_WEIGHT = 100;

    public String hostPort() {
        return id.indexOf(':') >= 0 ? "[" + id + "]:" + port : id + ":" + port;
    }
}
