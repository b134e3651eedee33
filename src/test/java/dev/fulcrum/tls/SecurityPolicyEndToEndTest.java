package dev.fulcrum.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.SecurityPolicy;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.LoadBalancerExtension;
import dev.fulcrum.testing.TestCertificates;
import dev.fulcrum.testing.TestCertificates.Issued;
import dev.fulcrum.testing.TestCertificates.Key;
import dev.fulcrum.testing.TestCertificates.Spec;
import dev.fulcrum.testing.TlsClient;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every named policy on its own listener, tried by real clients: each protocol version alone, each TLS 1.2 cipher
 * alone (with an RSA and an ECDSA certificate for the name, so that both kinds can be negotiated), and the server's
 * order against a client that offers the policy's ciphers backwards.
 */
class SecurityPolicyEndToEndTest {

    private static final List<String> VERSIONS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    /** Ciphers no policy has, which every listener must refuse. */
    private static final List<String> IN_NO_POLICY = List.of("ECDHE-RSA-CHACHA20-POLY1305",
            "ECDHE-ECDSA-CHACHA20-POLY1305");

    @RegisterExtension
    static final LoadBalancerExtension LB = LoadBalancerExtension.create();

    @TempDir
    static Path dir;

    private static Fulcrum fulcrum;
    private static final List<SecurityPolicy> POLICIES = SecurityPolicy.all();

    @BeforeAll
    static void oneListenerPerPolicy() throws Exception {
        FakeTarget target = LB.keep(FakeTarget.start("t"));
        TestCertificates certs = new TestCertificates(dir);
        Issued rsa = certs.issue(Spec.of("p.test").key(Key.RSA_2048));
        Issued ec = certs.issue(Spec.of("p.test").key(Key.EC_256));
        StringBuilder yaml = new StringBuilder("admin: {listen: '127.0.0.1:0'}\nlisteners:\n");
        for (SecurityPolicy p : POLICIES) {
            yaml.append("  - {port: 0, address: 127.0.0.1, protocol: HTTPS, sslPolicy: ").append(p.name())
                    .append(", certificates: [").append(rsa.yaml()).append(", ").append(ec.yaml())
                    .append("], defaultActions: [{type: forward, targetGroup: web}]}\n");
        }
        yaml.append("targetGroups:\n  - {name: web, healthCheck: {enabled: false}, targets: [{id: 127.0.0.1, port: ")
                .append(target.port()).append("}]}\n");
        fulcrum = LB.start(ConfigLoader.parse(yaml.toString(), dir));
    }

    @Test
    void acceptsExactlyThePolicysProtocolVersions() {
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < POLICIES.size(); i++) {
            SecurityPolicy p = POLICIES.get(i);
            for (String version : VERSIONS) {
                TlsClient.Result r = TlsClient.of(List.of(version), null).exchange(fulcrum.port(i), "p.test", null);
                soft.assertThat(r.handshook()).as(p.name() + " " + version).isEqualTo(p.protocols().contains(version));
                if (r.handshook()) {
                    soft.assertThat(r.protocol()).as(p.name()).isEqualTo(version);
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void acceptsExactlyThePolicysCiphersThisTlsLibraryHas() {
        Set<String> tried = new LinkedHashSet<>(IN_NO_POLICY);
        POLICIES.forEach(p -> p.ciphers().stream().filter(c -> !c.startsWith("TLS_")).forEach(tried::add));
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < POLICIES.size(); i++) {
            SecurityPolicy p = POLICIES.get(i);
            String version = p.protocols().contains("TLSv1.2") ? "TLSv1.2" : null;
            if (version == null) {
                continue; // TLS 1.3 only: its three suites are all there is
            }
            for (String cipher : tried) {
                if (!OpenSsl.isCipherSuiteAvailable(cipher)) {
                    continue; // BoringSSL cannot offer it either way (see TlsContexts)
                }
                TlsClient.Result r = TlsClient.of(List.of(version), List.of(cipher)).exchange(fulcrum.port(i),
                        "p.test", null);
                soft.assertThat(r.handshook()).as(p.name() + " " + cipher).isEqualTo(p.ciphers().contains(cipher));
                if (r.handshook()) {
                    soft.assertThat(r.openSslCipher()).isEqualTo(cipher);
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void choosesThePolicysFirstCipherTheClientHasWhateverTheClientsOrder() {
        SoftAssertions soft = new SoftAssertions();
        for (int i = 0; i < POLICIES.size(); i++) {
            SecurityPolicy p = POLICIES.get(i);
            if (!p.protocols().contains("TLSv1.2")) {
                continue;
            }
            List<String> rsaFirstToLast = TlsContexts.ciphers(p, SslProvider.OPENSSL).stream()
                    .filter(c -> !c.startsWith("TLS_") && !c.contains("ECDSA")).toList();
            List<String> backwards = new ArrayList<>(rsaFirstToLast);
            java.util.Collections.reverse(backwards);
            TlsClient.Result r = TlsClient.of(List.of("TLSv1.2"), backwards).exchange(fulcrum.port(i), "p.test",
                    null);
            soft.assertThat(r.openSslCipher()).as(p.name()).isEqualTo(rsaFirstToLast.get(0));
        }
        soft.assertAll();
    }
}
