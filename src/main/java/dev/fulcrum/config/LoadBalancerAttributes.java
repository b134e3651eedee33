package dev.fulcrum.config;

import java.time.Duration;

/**
 * The load balancer's attributes, under ALB's keys (and a few of Fulcrum's own under the same naming scheme).
 * Durations are {@link Duration}s so code (tests, the lab) can use sub-second values; the YAML loader keeps
 * ALB's ranges in whole seconds.
 *
 * @param idleTimeout {@code idle_timeout.timeout_seconds} (1..4000, default 60)
 * @param clientKeepAlive {@code client_keep_alive.seconds} (60..604800, default 3600): longest life of a client
 *     connection; after it the next response carries {@code Connection: close}
 * @param xffMode {@code routing.http.xff_header_processing.mode}
 * @param xffClientPort {@code routing.http.xff_client_port.enabled}
 * @param preserveHostHeader {@code routing.http.preserve_host_header.enabled}
 * @param targetConnectTimeout {@code routing.http.target_connect_timeout_seconds} (1..60, default 10; Fulcrum's)
 * @param maxRequestBodyBytes {@code routing.http.max_request_body_bytes} (0 = unlimited, the default; Fulcrum's)
 * @param maxRequestsPerSecond {@code routing.http.max_requests_per_second} (0 = unlimited; Fulcrum's, after
 *     Alibaba Cloud ALB's QPS limit)
 * @param errorReasonHeader {@code routing.http.error_reason_header.enabled}: balancer-generated responses carry
 *     {@code X-Fulcrum-Error-Reason} (Fulcrum's)
 * @param dropInvalidHeaderFields {@code routing.http.drop_invalid_header_fields.enabled}: request headers whose
 *     names are not {@code [-A-Za-z0-9]+} are removed before the request goes to a target (default false)
 */
public record LoadBalancerAttributes(
        Duration idleTimeout,
        Duration clientKeepAlive,
        XffMode xffMode,
        boolean xffClientPort,
        boolean preserveHostHeader,
        Duration targetConnectTimeout,
        long maxRequestBodyBytes,
        int maxRequestsPerSecond,
        boolean errorReasonHeader,
        boolean dropInvalidHeaderFields) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CLIENT_KEEP_ALIVE = Duration.ofSeconds(3600);
    public static final XffMode DEFAULT_XFF_MODE = XffMode.APPEND;
    public static final Duration DEFAULT_TARGET_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final long UNLIMITED = 0;

    public static LoadBalancerAttributes defaults() {
        return new LoadBalancerAttributes(DEFAULT_IDLE_TIMEOUT, DEFAULT_CLIENT_KEEP_ALIVE, DEFAULT_XFF_MODE, false,
                false, DEFAULT_TARGET_CONNECT_TIMEOUT, UNLIMITED, 0, false, false);
    }

    public LoadBalancerAttributes withIdleTimeout(Duration value) {
        return new LoadBalancerAttributes(value, clientKeepAlive, xffMode, xffClientPort, preserveHostHeader,
                targetConnectTimeout, maxRequestBodyBytes, maxRequestsPerSecond, errorReasonHeader,
                dropInvalidHeaderFields);
    }

    public LoadBalancerAttributes withXff(XffMode mode, boolean clientPort) {
        return new LoadBalancerAttributes(idleTimeout, clientKeepAlive, mode, clientPort, preserveHostHeader,
                targetConnectTimeout, maxRequestBodyBytes, maxRequestsPerSecond, errorReasonHeader,
                dropInvalidHeaderFields);
    }

    public LoadBalancerAttributes withPreserveHostHeader(boolean value) {
        return new LoadBalancerAttributes(idleTimeout, clientKeepAlive, xffMode, xffClientPort, value,
                targetConnectTimeout, maxRequestBodyBytes, maxRequestsPerSecond, errorReasonHeader,
                dropInvalidHeaderFields);
    }

    public LoadBalancerAttributes withTargetConnectTimeout(Duration value) {
        return new LoadBalancerAttributes(idleTimeout, clientKeepAlive, xffMode, xffClientPort, preserveHostHeader,
                value, maxRequestBodyBytes, maxRequestsPerSecond, errorReasonHeader,
                dropInvalidHeaderFields);
    }

    public LoadBalancerAttributes withErrorReasonHeader(boolean value) {
        return new LoadBalancerAttributes(idleTimeout, clientKeepAlive, xffMode, xffClientPort, preserveHostHeader,
                targetConnectTimeout, maxRequestBodyBytes, maxRequestsPerSecond, value, dropInvalidHeaderFields);
    }

    public LoadBalancerAttributes withDropInvalidHeaderFields(boolean value) {
        return new LoadBalancerAttributes(idleTimeout, clientKeepAlive, xffMode, xffClientPort, preserveHostHeader,
                targetConnectTimeout, maxRequestBodyBytes, maxRequestsPerSecond, errorReasonHeader, value);
    }
}
