package dev.fulcrum.config;

import java.util.List;

/**
 * What an HTTPS listener serves: its security policy and its certificates, the first of which is the default (the
 * one served without SNI, or when no other matches the name asked for), as ALB's listener has one default
 * certificate and a certificate list.
 */
public record TlsConfig(SecurityPolicy policy, List<CertificateConfig> certificates) {

    public TlsConfig {
        certificates = List.copyOf(certificates);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("an HTTPS listener needs a default certificate");
        }
    }

    public CertificateConfig defaultCertificate() {
        return certificates.get(0);
    }
}
