package dev.fulcrum.config;

import dev.fulcrum.core.ResourceIds;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * A certificate of an HTTPS listener: its two PEM files and what was read from them when the configuration was
 * loaded (the names and key it was checked with; the files are read again when they change).
 *
 * @param arn an ARN-shaped id of the certificate file ({@code arn:aws:acm:<region>:<account>:certificate/<uuid>}),
 *     the same across restarts and reloads of the same path: the access log's {@code chosen_cert_arn}
 * @param names the DNS names it is for (its subject alternative names, else its common name), as written
 */
public record CertificateConfig(
        Path certificateFile,
        Path keyFile,
        String arn,
        List<String> names,
        String keyAlgorithm,
        int keyBits,
        Instant notBefore,
        Instant notAfter) {

    /** subjectAltName's dNSName (RFC 5280 section 4.2.1.6). */
    private static final int DNS_NAME = 2;

    public CertificateConfig {
        names = List.copyOf(names);
    }

    /** What the runtime and the log need of a certificate, read from its leaf. */
    public static CertificateConfig of(Path certificateFile, Path keyFile, X509Certificate leaf) {
        PublicKey key = leaf.getPublicKey();
        return new CertificateConfig(certificateFile, keyFile, ResourceIds.certificateArn(certificateFile.toString()),
                names(leaf), PemFiles.keyAlgorithm(key), PemFiles.keyBits(key), leaf.getNotBefore().toInstant(),
                leaf.getNotAfter().toInstant());
    }

    /** The certificate's DNS subject alternative names, else its subject's common name (as clients still accept). */
    public static List<String> names(X509Certificate leaf) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    if (alternative.size() >= 2 && Integer.valueOf(DNS_NAME).equals(alternative.get(0))) {
                        names.add(String.valueOf(alternative.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // an unreadable extension: fall back to the common name
        }
        if (names.isEmpty()) {
            try {
                for (Rdn rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        names.add(String.valueOf(rdn.getValue()));
                    }
                }
            } catch (InvalidNameException e) {
                // no name at all: the certificate can only be the default one
            }
        }
        return names;
    }
}
