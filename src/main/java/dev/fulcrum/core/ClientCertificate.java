package dev.fulcrum.core;

import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import javax.security.auth.x500.X500Principal;

/**
 * A client's certificate on a mutual-TLS connection, in the forms ALB gives targets: the chain and the leaf as
 * URL-encoded PEM (worked out once per connection), the leaf's serial number, issuer, subject and validity.
 *
 * @param verified whether it was checked against the trust store ({@code verify}) or passed through unchecked
 * @param serialNumber the leaf's serial, upper-case hex as OpenSSL prints it
 * @param issuer the issuer's name, RFC 2253 ({@code CN=ca.example.com,O=Example,C=US})
 */
public record ClientCertificate(boolean verified, String chainUrlEncoded, String leafUrlEncoded, String serialNumber,
        String issuer,
        String subject, Instant notBefore, Instant notAfter) {

    public static ClientCertificate of(X509Certificate[] chain, boolean verified) {
        X509Certificate leaf = chain[0];
        StringBuilder pems = new StringBuilder();
        for (X509Certificate c : chain) {
            pems.append(pem(c));
        }
        return new ClientCertificate(verified, urlEncoded(pems.toString()), urlEncoded(pem(leaf)),
                leaf.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
                leaf.getIssuerX500Principal().getName(X500Principal.RFC2253),
                leaf.getSubjectX500Principal().getName(X500Principal.RFC2253),
                leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
    }

    /** ALB's {@code X-Amzn-Mtls-Clientcert-Validity}: {@code NotBefore=...;NotAfter=...}. */
    public String validity() {
        return "NotBefore=" + notBefore + ";NotAfter=" + notAfter;
    }

    /** Percent-encoding of everything but RFC 3986's unreserved characters: PEM's spaces, newlines, + / =. */
    public static String urlEncoded(String pem) {
        StringBuilder b = new StringBuilder(pem.length() + pem.length() / 8);
        for (byte octet : pem.getBytes(StandardCharsets.US_ASCII)) {
            char c = (char) octet;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                b.append(c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit(octet >> 4 & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(octet & 0xf, 16)));
            }
        }
        return b.toString();
    }

    private static String pem(X509Certificate c) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate that was just parsed re-encodes", e);
        }
    }
}
