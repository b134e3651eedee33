package dev.fulcrum.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.testing.TestCertificates;
import dev.fulcrum.testing.TestCertificates.Issued;
import dev.fulcrum.testing.TestCertificates.Key;
import dev.fulcrum.testing.TestCertificates.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTPS listener's policy and certificate files, and every problem they can have, each at its path. */
class TlsSectionTest {

    @TempDir
    Path dir;

    private String https(String more) {
        return """
                listeners:
                  - port: 0
                    protocol: HTTPS
                %s
                    defaultActions: [{type: forward, targetGroup: web}]
                targetGroups: [{name: web}]
                """.formatted(more.indent(4).stripTrailing());
    }

    private List<String> problems(String yaml) {
        try {
            FulcrumConfig config = ConfigLoader.parse(yaml, dir);
            throw new AssertionError("expected problems, but the file loads: " + config);
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
    }

    private FulcrumConfig load(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, dir);
    }

    @Test
    void readsTheCertificatesWithTheDefaultPolicyAndWhatTheyAreFor() throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        Issued shop = certs.issue(Spec.of("shop.example.com", "www.shop.example.com").key(Key.RSA_2048));
        Issued api = certs.issue(Spec.of("*.api.example.com").key(Key.EC_384));

        FulcrumConfig config = load(https("certificates:\n  - " + shop.yaml() + "\n  - {certificateFile: "
                + dir.relativize(api.certificateFile()) + ", keyFile: " + dir.relativize(api.keyFile()) + "}"));

        TlsConfig tls = config.listeners().get(0).tls();
        assertThat(tls.policy().name()).isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
        assertThat(tls.defaultCertificate().names()).containsExactly("shop.example.com", "www.shop.example.com");
        assertThat(tls.defaultCertificate().keyAlgorithm()).isEqualTo("RSA");
        assertThat(tls.defaultCertificate().keyBits()).isEqualTo(2048);
        CertificateConfig second = tls.certificates().get(1);
        assertThat(second.certificateFile()).as("relative to the file's folder").isEqualTo(api.certificateFile());
        assertThat(second.keyAlgorithm()).isEqualTo("EC");
        assertThat(second.keyBits()).isEqualTo(384);
        assertThat(second.arn()).matches("arn:aws:acm:local:000000000000:certificate/"
                + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(load(https("certificates:\n  - " + api.yaml())).listeners().get(0).tls().defaultCertificate()
                .arn()).as("the same file, the same ARN").isEqualTo(second.arn());
        assertThat(config.warnings(Instant.now())).isEmpty();
    }

    @Test
    void takesEveryPolicyOfAlbAndRefusesOneItDoesNotHave() {
        Issued c = new TestCertificates(dir).issue("a.test");
        for (SecurityPolicy p : SecurityPolicy.all()) {
            try {
                assertThat(load(https("sslPolicy: " + p.name() + "\ncertificates: [" + c.yaml() + "]"))
                        .listeners().get(0).tls().policy()).isEqualTo(p);
            } catch (ConfigException e) {
                throw new AssertionError(p.name(), e);
            }
        }
        assertThat(SecurityPolicy.all()).hasSizeGreaterThanOrEqualTo(18);
        assertThat(problems(https("sslPolicy: ELBSecurityPolicy-TLS-1-3-2099\ncertificates: [" + c.yaml() + "]")))
                .singleElement().asString()
                .startsWith("listeners[0].sslPolicy: 'ELBSecurityPolicy-TLS-1-3-2099' is not an ALB security policy"
                        + " (expected one of: ELBSecurityPolicy-TLS13-1-3-2021-06, ");
    }

    @Test
    void reportsEachBadCertificateAtItsPath() throws IOException {
        TestCertificates certs = new TestCertificates(dir);
        Issued a = certs.issue("a.test");
        Issued b = certs.issue("b.test");
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello\n");
        Path encrypted = Files.writeString(dir.resolve("enc.key"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n");

        assertThat(problems(https("certificates:\n"
                + "  - {certificateFile: missing.pem, keyFile: " + a.keyFile() + "}\n"
                + "  - {certificateFile: " + a.certificateFile() + ", keyFile: " + b.keyFile() + "}\n"
                + "  - {certificateFile: " + notPem + ", keyFile: " + a.keyFile() + "}\n"
                + "  - {certificateFile: " + a.certificateFile() + ", keyFile: " + encrypted + "}\n"
                + "  - {certificateFile: " + a.keyFile() + ", keyFile: " + a.keyFile() + "}\n"
                + "  - {certificateFile: " + a.certificateFile() + "}\n"
                + "  - {certificateFile: " + a.certificateFile() + ", keyFile: " + a.keyFile() + ", chain: x}")))
                .containsExactly(
                        "listeners[0].certificates[0]: " + dir.resolve("missing.pem") + ": no such file",
                        "listeners[0].certificates[1]: the key in " + b.keyFile()
                                + " is not the key of the certificate in " + a.certificateFile(),
                        "listeners[0].certificates[2]: " + notPem + ": not a PEM file (no -----BEGIN ...----- block)",
                        "listeners[0].certificates[3]: " + encrypted + ": the private key is encrypted (expected: an"
                                + " unencrypted key, as the balancer reads it unattended; decrypt it with openssl"
                                + " pkey -in FILE -out FILE)",
                        "listeners[0].certificates[4]: " + a.keyFile() + ": no certificate (expected: PEM blocks"
                                + " BEGIN CERTIFICATE, the leaf first)",
                        "listeners[0].certificates[5].keyFile: required",
                        "listeners[0].certificates[6].chain: unknown key (expected one of: certificateFile, keyFile)");
    }

    @Test
    void readsMutualAuthenticationAndReportsWhatDoesNotFitItsMode() throws ConfigException {
        Issued c = new TestCertificates(dir).issue("a.test");
        String cert = "certificates: [" + c.yaml() + "]\n";
        MutualAuthentication verify = load(https(cert + "mutualAuthentication: {mode: verify, trustStore: "
                + dir.relativize(c.certificateFile()) + ", ignoreClientCertificateExpiry: true}"))
                .listeners().get(0).tls().mutualAuthentication();
        assertThat(verify).isEqualTo(new MutualAuthentication(MutualAuthentication.Mode.VERIFY, c.certificateFile(),
                true));
        assertThat(load(https(cert)).listeners().get(0).tls().mutualAuthentication())
                .isEqualTo(MutualAuthentication.OFF);

        assertThat(problems(https(cert + "mutualAuthentication: {mode: verify}"))).containsExactly(
                "listeners[0].mutualAuthentication.trustStore: required");
        assertThat(problems(https(cert + "mutualAuthentication: {mode: verify, trustStore: nothing.pem}")))
                .containsExactly("listeners[0].mutualAuthentication.trustStore: " + dir.resolve("nothing.pem")
                        + ": no such file");
        assertThat(problems(https(cert + "mutualAuthentication: {mode: passthrough, trustStore: x.pem,"
                + " ignoreClientCertificateExpiry: true}"))).containsExactly(
                "listeners[0].mutualAuthentication.trustStore: only with mode verify (this one is passthrough)",
                "listeners[0].mutualAuthentication.ignoreClientCertificateExpiry: only with mode verify (this one is"
                        + " passthrough)");
        assertThat(problems(https(cert + "mutualAuthentication: {mode: strict}"))).containsExactly(
                "listeners[0].mutualAuthentication.mode: 'strict' (expected one of: off, passthrough, verify)");
    }

    @Test
    void refusesTlsSettingsOnAnHttpListener() {
        Issued c = new TestCertificates(dir).issue("a.test");
        assertThat(problems("""
                listeners:
                  - port: 0
                    sslPolicy: ELBSecurityPolicy-2016-08
                    certificates: [%s]
                    defaultActions: [{type: forward, targetGroup: web}]
                targetGroups: [{name: web}]
                """.formatted(c.yaml()))).containsExactly(
                "listeners[0].sslPolicy: only for HTTPS listeners (this one is HTTP)",
                "listeners[0].certificates: only for HTTPS listeners (this one is HTTP)");
    }

    @Test
    void warnsOfACertificateOutsideItsValidityPeriod() throws ConfigException {
        Instant now = Instant.now();
        TestCertificates certs = new TestCertificates(dir);
        Issued expired = certs.issue(Spec.of("old.test").valid(now.minus(Duration.ofDays(60)),
                now.minus(Duration.ofDays(1))));
        Issued future = certs.issue(Spec.of("new.test").valid(now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(60))));

        FulcrumConfig config = load(https("certificates: [" + expired.yaml() + ", " + future.yaml() + "]"));

        assertThat(config.warnings(now)).extracting(ConfigProblem::toString).satisfiesExactly(
                w -> assertThat(w).startsWith("listeners[0].certificates[0]: " + expired.certificateFile()
                        + " expired on ").endsWith(": clients refuse it"),
                w -> assertThat(w).startsWith("listeners[0].certificates[1]: " + future.certificateFile()
                        + " is not valid before "));
    }

    @Test
    void readsPkcs8Pkcs1AndSec1KeysAndRefusesAnEd25519Key() throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        Issued rsa = certs.issue(Spec.of("rsa.test").key(Key.RSA_2048)); // written as PKCS#1
        Issued ec = certs.issue(Spec.of("ec.test").key(Key.EC_256));     // written as PKCS#8
        Path rsa8 = Files.writeString(dir.resolve("rsa8.key"), TestCertificates.pkcs8(rsa.key()));
        Path sec1 = Files.writeString(dir.resolve("ec.sec1"), sec1(ec));
        assertThat(Files.readString(rsa.keyFile())).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        for (Path key : List.of(rsa.keyFile(), rsa8)) {
            assertThat(PemFiles.read(rsa.certificateFile(), key).key().getAlgorithm()).isEqualTo("RSA");
        }
        for (Path key : List.of(ec.keyFile(), sec1)) {
            assertThat(PemFiles.read(ec.certificateFile(), key).key().getAlgorithm()).isEqualTo("EC");
        }

        java.security.KeyPair ed = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path edKey = Files.writeString(dir.resolve("ed.key"), TestCertificates.pkcs8(ed.getPrivate()));
        assertThat(problems(https("certificates: [{certificateFile: " + ec.certificateFile() + ", keyFile: "
                + edKey + "}]"))).containsExactly("listeners[0].certificates[0]: " + edKey
                + ": the private key is not an RSA or ECDSA key (ALB's certificates are one of the two)");
    }

    /** The key as openssl ecparam -genkey writes it: SEC 1 with the curve named in its parameters. */
    private static String sec1(Issued ec) throws IOException {
        java.security.interfaces.ECPrivateKey k = (java.security.interfaces.ECPrivateKey) ec.key();
        ASN1Encodable curve = new ASN1ObjectIdentifier(SECObjectIdentifiers.secp256r1.getId());
        org.bouncycastle.asn1.sec.ECPrivateKey key = new org.bouncycastle.asn1.sec.ECPrivateKey(256, k.getS(),
                (DERBitString) null, curve);
        assertThat(X9ObjectIdentifiers.prime256v1.getId()).isEqualTo(SECObjectIdentifiers.secp256r1.getId());
        return "-----BEGIN EC PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(key.getEncoded()) + "\n-----END EC PRIVATE KEY-----\n";
    }
}
