package dev.fulcrum.config;

import java.util.List;

/**
 * What an HTTPS listener serves: its security policy and its certificates, the first of which is the default (the
 * one served without SNI, or when no other matches the name asked for), as ALB's listener has one default
 * certificate and a certificate list; and its mutual TLS.
 */
public record TlsConfig(SecurityPolicy policy, List<CertificateConfig> certificates,
        MutualAuthentication mutualAuthentication) {

    public TlsConfig {
        certificates = List.copyOf(certificates);
        if (mutualAuthentication == null) {
            mutualAuthentication = MutualAuthentication.OFF;
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("an HTTPS listener needs a default certificate");
        }
    }

    /** Without mutual TLS. */
    public TlsConfig(SecurityPolicy policy, List<CertificateConfig> certificates) {
        this(policy, certificates, MutualAuthentication.OFF);
    }

    public CertificateConfig defaultCertificate() {
        return certificates.get(0);
    }
}
