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

    private final Once tls13 = new Once(SecurityPolicy.TO_TARGETS_TLS13);
    private final Once legacy = new Once(SecurityPolicy.TO_TARGETS);

    /** The context towards targets behind a listener with {@code listenerPolicy} ({@code null}: an HTTP one). */
    public SslContext behind(SecurityPolicy listenerPolicy) {
        return listenerPolicy != null && listenerPolicy.offersTls13() ? tls13.get() : legacy.get();
    }

    public SslContext forHealthChecks() {
        return legacy.get();
    }

    /** A context made on first use; read on every request to an HTTPS group, so volatile and locked only once. */
    private static final class Once {

        private final String policy;
        private volatile SslContext context;

        Once(String policy) {
            this.policy = policy;
        }

        SslContext get() {
            SslContext c = context;
            if (c == null) {
                synchronized (this) {
                    if (context == null) {
                        context = client(policy);
                    }
                    c = context;
                }
            }
            return c;
        }
    }

    private static SslContext client(String policy) {
        try {
            return TlsContexts.client(SecurityPolicy.named(policy).orElseThrow());
        } catch (SSLException e) {
            throw new IllegalStateException("TLS towards targets (" + policy + "): " + e.getMessage(), e);
        }
    }
}
