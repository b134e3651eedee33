package dev.fulcrum.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.X509TrustManager;

/**
 * Mutual TLS in {@code verify} mode: a client's chain must lead to a CA of the trust store (PKIX, no revocation
 * lists, as ALB without a revocation list). With {@code ignoreClientCertificateExpiry} the chain is judged as of a
 * moment inside the leaf's validity, so an expired (or not yet valid) leaf passes and nothing else does. No CA names
 * are advertised to clients, as ALB's {@code AdvertiseTrustStoreCaNames} default.
 */
final class ClientCertificateVerifier implements X509TrustManager {

    /** A client chain refused, with ALB's connection-log code for why ({@code ClientCertExpired}, ...). */
    static final class Rejected extends CertificateException {

        final String code;

        Rejected(String code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }
    }

    private final Set<TrustAnchor> anchors = new HashSet<>();
    private final boolean ignoreExpiry;

    ClientCertificateVerifier(List<X509Certificate> trustStore, boolean ignoreExpiry) {
        trustStore.forEach(ca -> anchors.add(new TrustAnchor(ca, null)));
        this.ignoreExpiry = ignoreExpiry;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new Rejected("ClientCertRejected", "no client certificate", null);
        }
        try {
            validate(chain, null);
        } catch (CertPathValidatorException e) {
            boolean expiry = e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                    || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID;
            if (!ignoreExpiry || !expiry) {
                throw rejected(e);
            }
            X509Certificate leaf = chain[0];
            Instant middle = leaf.getNotBefore().toInstant().plusMillis(
                    (leaf.getNotAfter().getTime() - leaf.getNotBefore().getTime()) / 2);
            try {
                validate(chain, Date.from(middle));
            } catch (CertPathValidatorException again) {
                throw rejected(again);
            } catch (GeneralSecurityException again) {
                throw new Rejected("ClientCertInvalid", again.getMessage(), again);
            }
        } catch (GeneralSecurityException e) {
            throw new Rejected("ClientCertInvalid", e.getMessage(), e);
        }
    }

    private void validate(X509Certificate[] chain, Date at) throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(anchors);
        parameters.setRevocationEnabled(false);
        if (at != null) {
            parameters.setDate(at);
        }
        List<X509Certificate> path = new ArrayList<>();
        for (X509Certificate c : chain) {
            if (anchors.stream().anyMatch(a -> a.getTrustedCert().equals(c))) {
                break; // the path ends below its anchor; a client may send the CA too
            }
            path.add(c);
        }
        if (path.isEmpty()) {
            path.add(chain[0]);
        }
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }

    /** ALB's codes: ClientCertExpired, ClientCertNotYetValid, ClientCertUntrusted, else ClientCertInvalid. */
    private static Rejected rejected(CertPathValidatorException e) {
        if (e.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
            return new Rejected("ClientCertExpired", "the client certificate expired", e);
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
            return new Rejected("ClientCertNotYetValid", "the client certificate is not valid yet", e);
        }
        if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
            return new Rejected("ClientCertUntrusted", "the client certificate's CA is not in the trust store", e);
        }
        return new Rejected("ClientCertInvalid", "the client certificate does not verify: " + e.getMessage(), e);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a listener verifies clients, not servers");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
