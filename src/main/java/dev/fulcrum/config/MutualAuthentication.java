package dev.fulcrum.config;

import java.nio.file.Path;

/**
 * An HTTPS listener's mutual TLS, as ALB's {@code MutualAuthentication}: {@code off}; {@code passthrough} (any client
 * certificate is taken, unverified, and its chain sent to targets in {@code X-Amzn-Mtls-Clientcert}); or
 * {@code verify} (a client must present a certificate that chains to the trust store, else its handshake fails; its
 * details go to targets in {@code X-Amzn-Mtls-Clientcert-*}).
 *
 * @param trustStore the CA bundle (PEM) of {@code verify}, {@code null} otherwise
 * @param ignoreClientCertificateExpiry {@code verify} accepts an expired (or not yet valid) client certificate
 */
public record MutualAuthentication(Mode mode, Path trustStore, boolean ignoreClientCertificateExpiry) {

    public static final MutualAuthentication OFF = new MutualAuthentication(Mode.OFF, null, false);

    public enum Mode {
        OFF("off"), PASSTHROUGH("passthrough"), VERIFY("verify");

        private final String key;

        Mode(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
