package dev.fulcrum.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made for a test, written as PEM files into a folder: self-signed leaves or leaves of a test CA, RSA or
 * ECDSA keys of a chosen size, any validity period (expired ones too). Nothing committed, so nothing expires.
 */
public final class TestCertificates {

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

    /** Key type and size. */
    public enum Key {
        RSA_2048("RSA", 2048), RSA_3072("RSA", 3072), EC_256("EC", 256), EC_384("EC", 384);

        final String algorithm;
        final int bits;

        Key(String algorithm, int bits) {
            this.algorithm = algorithm;
            this.bits = bits;
        }
    }

    /** A certificate, its key, and where their PEM files are. */
    public record Issued(X509Certificate certificate, PrivateKey key, Path certificateFile, Path keyFile,
            List<X509Certificate> chain) {

        /** The YAML of a listener's certificate entry. */
        public String yaml() {
            return "{certificateFile: '" + certificateFile + "', keyFile: '" + keyFile + "'}";
        }
    }

    /** What to issue: names, key, validity, issuer (self-signed when {@code null}), whether it may sign others. */
    public record Spec(String subject, List<String> names, Key key, Instant notBefore, Instant notAfter,
            Issued issuer, boolean ca) {

        public static Spec of(String... names) {
            Instant now = Instant.now();
            return new Spec(names.length > 0 ? names[0] : "fulcrum-test", List.of(names), Key.EC_256,
                    now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), null, false);
        }

        public Spec key(Key k) {
            return new Spec(subject, names, k, notBefore, notAfter, issuer, ca);
        }

        public Spec valid(Instant from, Instant until) {
            return new Spec(subject, names, key, from, until, issuer, ca);
        }

        public Spec issuedBy(Issued ca) {
            return new Spec(subject, names, key, notBefore, notAfter, ca, this.ca);
        }

        public Spec subject(String cn) {
            return new Spec(cn, names, key, notBefore, notAfter, issuer, ca);
        }

        public Spec authority() {
            return new Spec(subject, names, key, notBefore, notAfter, issuer, true);
        }
    }

    private final Path folder;
    private int count;

    public TestCertificates(Path folder) {
        this.folder = folder;
    }

    public Issued issue(String... names) {
        return issue(Spec.of(names));
    }

    public Issued issue(Spec spec) {
        try {
            KeyPair pair = keyPair(spec.key());
            X500Name subject = new X500Name("CN=" + spec.subject());
            X500Name issuerName = spec.issuer() == null ? subject
                    : new X500Name(spec.issuer().certificate().getSubjectX500Principal().getName());
            PrivateKey signingKey = spec.issuer() == null ? pair.getPrivate() : spec.issuer().key();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                    BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(spec.notBefore()),
                    Date.from(spec.notAfter()), subject, pair.getPublic());
            if (!spec.names().isEmpty()) {
                List<GeneralName> names = new ArrayList<>();
                spec.names().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(spec.ca()));
            if (spec.ca()) {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            }
            ContentSigner signer = new JcaContentSignerBuilder(
                    signingKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA").build(signingKey);
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            int n = ++count;
            Path cert = folder.resolve("cert-" + n + ".pem");
            Path key = folder.resolve("key-" + n + ".pem");
            List<Object> chain = new ArrayList<>(List.of(certificate));
            if (spec.issuer() != null && !spec.ca()) {
                chain.add(spec.issuer().certificate());
            }
            Files.writeString(cert, pem(chain.toArray()));
            // RSA keys as PKCS#1 (what BC writes), EC keys as PKCS#8: BC's SEC 1 would leave out the curve.
            Files.writeString(key, pair.getPrivate().getAlgorithm().equals("EC") ? pkcs8(pair.getPrivate())
                    : pem(pair.getPrivate()));
            List<X509Certificate> issued = new ArrayList<>(List.of(certificate));
            if (spec.issuer() != null && !spec.ca()) {
                issued.add(spec.issuer().certificate());
            }
            return new Issued(certificate, pair.getPrivate(), cert, key, List.copyOf(issued));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PEM text of certificates, keys or other objects Bouncy Castle writes. */
    public static String pem(Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        }
        return text.toString();
    }

    /** A key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
    public static String pkcs8(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static KeyPair keyPair(Key key) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(key.algorithm);
        if (key.algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec(key.bits == 256 ? "secp256r1" : "secp384r1"));
        } else {
            generator.initialize(key.bits);
        }
        return generator.generateKeyPair();
    }
}
