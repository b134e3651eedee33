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
 * @param desyncMitigationMode {@code routing.http.desync_mitigation_mode} (monitor, defensive, strictest; default
 *     defensive, as ALB)
 * @param tlsHeaders {@code routing.http.x_amzn_tls_version_and_cipher_suite.enabled}: requests that came over TLS
 *     carry {@code X-Amzn-Tls-Version} and {@code X-Amzn-Tls-Cipher-Suite} to the target (default false, as ALB)
 * @param http2Enabled {@code routing.http2.enabled}: HTTPS listeners offer HTTP/2 by ALPN ({@code h2}) before
 *     HTTP/1.1 (default true, as ALB)
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
        int maxClientConnections,
        DesyncMitigationMode desyncMitigationMode,
        boolean tlsHeaders,
        boolean http2Enabled) {

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
    public static final DesyncMitigationMode DEFAULT_DESYNC_MITIGATION_MODE = DesyncMitigationMode.DEFENSIVE;
    /** {@link #maxClientConnections} worked out from the file-descriptor limit. */
    public static final int DERIVED = 0;

    public static LoadBalancerAttributes defaults() {
        return new Builder().build();
    }

    /** A builder holding these attributes, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.idleTimeout = idleTimeout;
        b.clientKeepAlive = clientKeepAlive;
        b.xffMode = xffMode;
        b.xffClientPort = xffClientPort;
        b.preserveHostHeader = preserveHostHeader;
        b.targetConnectTimeout = targetConnectTimeout;
        b.maxRequestBodyBytes = maxRequestBodyBytes;
        b.maxRequestsPerSecond = maxRequestsPerSecond;
        b.errorReasonHeader = errorReasonHeader;
        b.dropInvalidHeaderFields = dropInvalidHeaderFields;
        b.clientHeaderTimeout = clientHeaderTimeout;
        b.maxClientConnections = maxClientConnections;
        b.tlsHeaders = tlsHeaders;
        b.http2Enabled = http2Enabled;
        b.desyncMitigationMode = desyncMitigationMode;
        return b;
    }

    public LoadBalancerAttributes withIdleTimeout(Duration value) {
        return toBuilder().idleTimeout(value).build();
    }

    public LoadBalancerAttributes withClientKeepAlive(Duration value) {
        return toBuilder().clientKeepAlive(value).build();
    }

    public LoadBalancerAttributes withPreserveHostHeader(boolean value) {
        return toBuilder().preserveHostHeader(value).build();
    }

    public LoadBalancerAttributes withTargetConnectTimeout(Duration value) {
        return toBuilder().targetConnectTimeout(value).build();
    }

    public LoadBalancerAttributes withMaxRequestBodyBytes(long value) {
        return toBuilder().maxRequestBodyBytes(value).build();
    }

    public LoadBalancerAttributes withMaxRequestsPerSecond(int value) {
        return toBuilder().maxRequestsPerSecond(value).build();
    }

    public LoadBalancerAttributes withErrorReasonHeader(boolean value) {
        return toBuilder().errorReasonHeader(value).build();
    }

    public LoadBalancerAttributes withDropInvalidHeaderFields(boolean value) {
        return toBuilder().dropInvalidHeaderFields(value).build();
    }

    public LoadBalancerAttributes withClientHeaderTimeout(Duration value) {
        return toBuilder().clientHeaderTimeout(value).build();
    }

    public LoadBalancerAttributes withMaxClientConnections(int value) {
        return toBuilder().maxClientConnections(value).build();
    }

    public LoadBalancerAttributes withDesyncMitigationMode(DesyncMitigationMode value) {
        return toBuilder().desyncMitigationMode(value).build();
    }

    public LoadBalancerAttributes withXff(XffMode mode, boolean clientPort) {
        return toBuilder().xffMode(mode).xffClientPort(clientPort).build();
    }

    /** The attributes, ALB's defaults unless set. */
    public static final class Builder {
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration clientKeepAlive = DEFAULT_CLIENT_KEEP_ALIVE;
        private XffMode xffMode = DEFAULT_XFF_MODE;
        private boolean xffClientPort = false;
        private boolean preserveHostHeader = false;
        private Duration targetConnectTimeout = DEFAULT_TARGET_CONNECT_TIMEOUT;
        private long maxRequestBodyBytes = UNLIMITED;
        private int maxRequestsPerSecond = 0;
        private boolean errorReasonHeader = false;
        private boolean dropInvalidHeaderFields = false;
        private Duration clientHeaderTimeout = DEFAULT_CLIENT_HEADER_TIMEOUT;
        private int maxClientConnections = DERIVED;
        private DesyncMitigationMode desyncMitigationMode = DEFAULT_DESYNC_MITIGATION_MODE;
        private boolean tlsHeaders = false;
        private boolean http2Enabled = true;

        public Builder idleTimeout(Duration value) {
            this.idleTimeout = value;
            return this;
        }

        public Builder clientKeepAlive(Duration value) {
            this.clientKeepAlive = value;
            return this;
        }

        public Builder xffMode(XffMode value) {
            this.xffMode = value;
            return this;
        }

        public Builder xffClientPort(boolean value) {
            this.xffClientPort = value;
            return this;
        }

        public Builder preserveHostHeader(boolean value) {
            this.preserveHostHeader = value;
            return this;
        }

        public Builder targetConnectTimeout(Duration value) {
            this.targetConnectTimeout = value;
            return this;
        }

        public Builder maxRequestBodyBytes(long value) {
            this.maxRequestBodyBytes = value;
            return this;
        }

        public Builder maxRequestsPerSecond(int value) {
            this.maxRequestsPerSecond = value;
            return this;
        }

        public Builder errorReasonHeader(boolean value) {
            this.errorReasonHeader = value;
            return this;
        }

        public Builder dropInvalidHeaderFields(boolean value) {
            this.dropInvalidHeaderFields = value;
            return this;
        }

        public Builder clientHeaderTimeout(Duration value) {
            this.clientHeaderTimeout = value;
            return this;
        }

        public Builder maxClientConnections(int value) {
            this.maxClientConnections = value;
            return this;
        }

        public Builder desyncMitigationMode(DesyncMitigationMode value) {
            this.desyncMitigationMode = value;
            return this;
        }

        public Builder tlsHeaders(boolean value) {
            this.tlsHeaders = value;
            return this;
        }

        public Builder http2Enabled(boolean value) {
            this.http2Enabled = value;
            return this;
        }

        public LoadBalancerAttributes build() {
            return new LoadBalancerAttributes(idleTimeout, clientKeepAlive, xffMode, xffClientPort, preserveHostHeader, targetConnectTimeout, maxRequestBodyBytes, maxRequestsPerSecond, errorReasonHeader, dropInvalidHeaderFields, clientHeaderTimeout, maxClientConnections, desyncMitigationMode, tlsHeaders, http2Enabled);
        }
    }
}
