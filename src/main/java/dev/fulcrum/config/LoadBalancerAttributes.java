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
 * @param clientHeaderTimeout {@code client_header_timeout.timeout_seconds} (1..4000, default 20; Fulcrum's): the
 *     whole request head must arrive within this time of its first byte, else 408
 * @param maxClientConnections {@code client_connections.max_per_listener} (Fulcrum's): open client connections
 *     a listener accepts; more are closed at once and counted in RejectedConnectionCount. {@link #DERIVED} (the
 *     default) works it out from the process's file-descriptor limit
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
        boolean dropInvalidHeaderFields,
        Duration clientHeaderTimeout,
        int maxClientConnections) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_CLIENT_KEEP_ALIVE = Duration.ofSeconds(3600);
    public static final XffMode DEFAULT_XFF_MODE = XffMode.APPEND;
    public static final Duration DEFAULT_TARGET_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final long UNLIMITED = 0;
    /**
     * A whole request head arrives within one or two round trips on any real network, a few seconds with
     * retransmissions on a bad mobile link; 20 s leaves room for that while a slowloris client that trickles its
     * head must start over every 20 s (Apache's mod_reqtimeout starts at 20 s too).
     */
    public static final Duration DEFAULT_CLIENT_HEADER_TIMEOUT = Duration.ofSeconds(20);
    /** {@link #maxClientConnections} worked out from the file-descriptor limit. */
    public static final int DERIVED = 0;

    public static LoadBalancerAttributes defaults() {
        return new LoadBalancerAttributes(DEFAULT_IDLE_TIMEOUT, DEFAULT_CLIENT_KEEP_ALIVE, DEFAULT_XFF_MODE, false,
                false, DEFAULT_TARGET_CONNECT_TIMEOUT, UNLIMITED, 0, false, false, DEFAULT_CLIENT_HEADER_TIMEOUT,
                DERIVED);
    }

    public LoadBalancerAttributes withIdleTimeout(Duration value) {
        return new LoadBalancerAttributes(value, clientKeepAlive, xffMode, xffClientPort, preserveHostHeader,
                targetConnectTimeout, maxRequestBodyBytes, maxRequestsPerSecond, errorReasonHeader,
                dropInvalidHeaderFields, clientHeaderTimeout, maxClientConnections);
    }

    public LoadBalancerAttributes withClientKeepAlive(Duration value) {
        return new LoadBalancerAttributes(idleTimeout, value, xffMode, xffClientPort, preserveHostHeader,
                targetConnectTimeout, maxRequestBodyBytes, maxRequestsPerSecond, errorReasonHeader,
                dropInvalidHeaderFields, clientHeaderTimeout, maxClientConnections);
    }

    public LoadBalancerAttributes withXff(XffMode mode, boolean clientPort) {
        return new LoadBalancerAttributes(idleTimeout, clientKeepAlive, mode, clientPort, preserveHostHeader,
                targetConnectTimeout, maxRequestBodyBytes, maxRequestsPerSecond, errorReasonHeader,
                dropInvalidHeaderFields, clientHeaderTimeout, maxClientConnections);
    }

    public LoadBalancerAttributes withPreserveHostHeader(boolean value) {
        return new LoadBalancerAttributes(idleTimeout, clientKeepAlive, xffMode, xffClientPort, value,
                targetConnectTimeout, maxRequestBodyBytes, maxRequestsPerSecond, errorReasonHeader,
                dropInvalidHeaderFields, clientHeaderTimeout, maxClientConnections);
    }

    public LoadBalancerAttributes withTargetConnectTimeout(Duration value) {
        return new LoadBalancerAttributes(idleTimeout, clientKeepAlive, xffMode, xffClientPort, preserveHostHeader,
                value, maxRequestBodyBytes, maxRequestsPerSecond, errorReasonHeader,
                dropInvalidHeaderFields, clientHeaderTimeout, maxClientConnections);
    }

    public LoadBalancerAttributes withErrorReasonHeader(boolean value) {
        return new LoadBalancerAttributes(idleTimeout, clientKeepAlive, xffMode, xffClientPort, preserveHostHeader,
                targetConnectTimeout, maxRequestBodyBytes, maxRequestsPerSecond, value, dropInvalidHeaderFields,
                clientHeaderTimeout, maxClientConnections);
    }

    public LoadBalancerAttributes withClientHeaderTimeout(Duration value) {
        return new LoadBalancerAttributes(idleTimeout, clientKeepAlive, xffMode, xffClientPort, preserveHostHeader,
                targetConnectTimeout, maxRequestBodyBytes, maxRequestsPerSecond, errorReasonHeader,
                dropInvalidHeaderFields, value, maxClientConnections);
    }

    public LoadBalancerAttributes withMaxClientConnections(int value) {
        return new LoadBalancerAttributes(idleTimeout, clientKeepAlive, xffMode, xffClientPort, preserveHostHeader,
                targetConnectTimeout, maxRequestBodyBytes, maxRequestsPerSecond, errorReasonHeader,
                dropInvalidHeaderFields, clientHeaderTimeout, value);
    }

    public LoadBalancerAttributes withDropInvalidHeaderFields(boolean value) {
        return new LoadBalancerAttributes(idleTimeout, clientKeepAlive, xffMode, xffClientPort, preserveHostHeader,
                targetConnectTimeout, maxRequestBodyBytes, maxRequestsPerSecond, errorReasonHeader,
                value, clientHeaderTimeout, maxClientConnections);
    }
}
