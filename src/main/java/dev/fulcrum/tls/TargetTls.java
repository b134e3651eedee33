package dev.fulcrum.tls;

import dev.fulcrum.config.SecurityPolicy;
import io.netty.handler.ssl.SslContext;
import javax.net.ssl.SSLException;

/**
 * The TLS the balancer speaks to HTTPS targets, as ALB: ELBSecurityPolicy-TLS13-1-0-2021-06 behind a listener whose
 * policy offers TLS 1.3, else (and for health checks) ELBSecurityPolicy-2016-08; no certificate verification and no
 * SNI. The two contexts are made on first use, so a balancer without HTTPS targets never loads BoringSSL for them.
 */
public final class TargetTls {

    private SslContext tls13;
    private SslContext legacy;

    /** The context towards targets behind a listener with {@code listenerPolicy} ({@code null}: an HTTP one). */
    public SslContext behind(SecurityPolicy listenerPolicy) {
        return listenerPolicy != null && listenerPolicy.offersTls13() ? tls13() : legacy();
    }

    public SslContext forHealthChecks() {
        return legacy();
    }

    private synchronized SslContext tls13() {
        if (tls13 == null) {
            tls13 = client(SecurityPolicy.TO_TARGETS_TLS13);
        }
        return tls13;
    }

    private synchronized SslContext legacy() {
        if (legacy == null) {
            legacy = client(SecurityPolicy.TO_TARGETS);
        }
        return legacy;
    }

    private static SslContext client(String policy) {
        try {
            return TlsContexts.client(SecurityPolicy.named(policy).orElseThrow());
        } catch (SSLException e) {
            throw new IllegalStateException("TLS towards targets (" + policy + "): " + e.getMessage(), e);
        }
    }
}
