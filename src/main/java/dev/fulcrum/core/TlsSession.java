package dev.fulcrum.core;

/**
 * What a client's TLS handshake settled, as the access log writes it.
 *
 * @param protocol {@code TLSv1.2}, {@code TLSv1.3} (ALB's {@code ssl_protocol})
 * @param cipher OpenSSL's name of the cipher, {@code ECDHE-RSA-AES128-GCM-SHA256}, or IANA's for TLS 1.3
 *     ({@code TLS_AES_128_GCM_SHA256}) (ALB's {@code ssl_cipher})
 * @param serverName the name the client asked for (SNI) when a certificate matched it, {@code null} when it sent
 *     none or none matched and the default certificate was served (ALB's {@code domain_name})
 * @param certificateArn the ARN of the certificate served, {@code null} when the session was resumed (ALB's
 *     {@code chosen_cert_arn}, {@code session-reused} then)
 * @param mutualTls whether the listener asks for client certificates (passthrough or verify)
 * @param clientCertificate the client's certificate, {@code null} when it sent none
 */
public record TlsSession(String protocol, String cipher, String serverName, String certificateArn, boolean mutualTls,
        ClientCertificate clientCertificate) {

    /** A session without mutual TLS. */
    public TlsSession(String protocol, String cipher, String serverName, String certificateArn) {
        this(protocol, cipher, serverName, certificateArn, false, null);
    }

    /** ALB's {@code chosen_cert_arn} when a session was resumed and no certificate was sent. */
    public static final String SESSION_REUSED = "session-reused";

    public boolean resumed() {
        return certificateArn == null;
    }

    /** The {@code chosen_cert_arn} value. */
    public String chosenCertificate() {
        return certificateArn == null ? SESSION_REUSED : certificateArn;
    }
}
