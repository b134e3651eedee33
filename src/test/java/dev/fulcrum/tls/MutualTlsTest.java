package dev.fulcrum.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.LoadBalancerExtension;
import dev.fulcrum.testing.TestCertificates;
import dev.fulcrum.testing.TestCertificates.Issued;
import dev.fulcrum.testing.TestCertificates.Spec;
import dev.fulcrum.testing.TlsClient;
import io.micrometer.core.instrument.Counter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.security.auth.x500.X500Principal;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS as ALB's mutualAuthentication: passthrough and verify, with good, missing, expired and foreign certs. */
class MutualTlsTest {

    @RegisterExtension
    final LoadBalancerExtension lb = LoadBalancerExtension.create();

    @TempDir
    Path dir;

    private TestCertificates certs;
    private Issued server;
    private Issued ca;
    private FakeTarget target;

    @BeforeEach
    void certificates() {
        certs = new TestCertificates(dir);
        server = certs.issue("shop.test");
        ca = certs.issue(Spec.of().subject("Fulcrum Test CA").authority());
        target = lb.keep(FakeTarget.start("t"));
    }

    private Fulcrum listener(String mutualAuthentication) throws Exception {
        return lb.start(ConfigLoader.parse("""
                admin: {listen: '127.0.0.1:0'}
                listeners:
                  - {port: 0, address: 127.0.0.1, protocol: HTTPS, certificates: [%s],
                     mutualAuthentication: %s, defaultActions: [{type: forward, targetGroup: web}]}
                targetGroups:
                  - {name: web, healthCheck: {enabled: false}, targets: [{id: 127.0.0.1, port: %d}]}
                """.formatted(server.yaml(), mutualAuthentication, target.port()), dir));
    }

    private Issued client(String name) {
        return certs.issue(Spec.of(name).subject(name).issuedBy(ca));
    }

    @Test
    void verifyPassesAGoodCertificateAndTellsTheTargetWhoItIs() throws Exception {
        Fulcrum f = listener("{mode: verify, trustStore: '" + ca.certificateFile() + "'}");
        Issued alice = client("alice.clients.test");

        TlsClient.Result r = TlsClient.withCertificate(alice).exchange(f.port(0), "shop.test",
                "GET / HTTP/1.1\r\nHost: shop.test\r\nX-Amzn-Mtls-Clientcert-Subject: CN=mallory\r\n"
                        + "Connection: close\r\n\r\n");

        assertThat(r.response()).startsWith("HTTP/1.1 200");
        FakeTarget.Received seen = target.take();
        assertThat(seen.header("X-Amzn-Mtls-Clientcert-Subject")).as("the client's own header does not pass")
                .isEqualTo("CN=alice.clients.test");
        assertThat(seen.header("X-Amzn-Mtls-Clientcert-Issuer"))
                .isEqualTo(ca.certificate().getSubjectX500Principal().getName(X500Principal.RFC2253));
        assertThat(seen.header("X-Amzn-Mtls-Clientcert-Serial-Number"))
                .isEqualTo(alice.certificate().getSerialNumber().toString(16).toUpperCase());
        assertThat(seen.header("X-Amzn-Mtls-Clientcert-Validity")).isEqualTo("NotBefore="
                + alice.certificate().getNotBefore().toInstant() + ";NotAfter="
                + alice.certificate().getNotAfter().toInstant());
        String leaf = URLDecoder.decode(seen.header("X-Amzn-Mtls-Clientcert-Leaf"), StandardCharsets.US_ASCII);
        assertThat(leaf).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(Base64.getMimeDecoder().decode(leaf.replaceAll("-----[A-Z ]+-----", "")))
                .isEqualTo(alice.certificate().getEncoded());
        assertThat(seen.header("X-Amzn-Mtls-Clientcert")).as("only in passthrough").isNull();
    }

    @Test
    void verifyRefusesAMissingAnExpiredAndAForeignCertificateInTheHandshake() throws Exception {
        Fulcrum f = listener("{mode: verify, trustStore: '" + ca.certificateFile() + "'}");
        Instant now = Instant.now();
        Issued expired = certs.issue(Spec.of("old.clients.test").subject("old").issuedBy(ca)
                .valid(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
        Issued otherCa = certs.issue(Spec.of().subject("Other CA").authority());
        Issued foreign = certs.issue(Spec.of("eve.clients.test").subject("eve").issuedBy(otherCa));
        Issued selfSigned = certs.issue("self.clients.test");

        for (TlsClient client : new TlsClient[] {TlsClient.of(), TlsClient.withCertificate(expired),
                TlsClient.withCertificate(foreign), TlsClient.withCertificate(selfSigned)}) {
            TlsClient.Result r = client.exchange(f.port(0), "shop.test", TlsClient.get("shop.test", "/"));
            assertThat(r.handshook() && r.response().startsWith("HTTP/1.1 200")).isFalse();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> errors(f) == 4.0);
        assertThat(target.receivedCount()).isZero();
        assertThat(lb.log().size()).isZero();
    }

    @Test
    void verifyTakesAnExpiredCertificateWhenToldToIgnoreExpiryButNotAForeignOne() throws Exception {
        Fulcrum f = listener("{mode: verify, trustStore: '" + ca.certificateFile()
                + "', ignoreClientCertificateExpiry: true}");
        Instant now = Instant.now();
        Issued expired = certs.issue(Spec.of("old.clients.test").subject("old").issuedBy(ca)
                .valid(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
        Issued otherCa = certs.issue(Spec.of().subject("Other CA").authority());
        Issued foreign = certs.issue(Spec.of("eve.clients.test").subject("eve").issuedBy(otherCa));

        assertThat(TlsClient.withCertificate(expired).exchange(f.port(0), "shop.test",
                TlsClient.get("shop.test", "/")).response()).startsWith("HTTP/1.1 200");
        assertThat(target.take().header("X-Amzn-Mtls-Clientcert-Subject")).isEqualTo("CN=old");
        TlsClient.Result r = TlsClient.withCertificate(foreign).exchange(f.port(0), "shop.test",
                TlsClient.get("shop.test", "/"));
        assertThat(r.handshook() && r.response().startsWith("HTTP/1.1 200")).isFalse();
    }

    @Test
    void passthroughSendsAnyChainToTheTargetAndLetsAClientWithoutOneIn() throws Exception {
        Fulcrum f = listener("{mode: passthrough}");
        Issued otherCa = certs.issue(Spec.of().subject("Other CA").authority());
        Issued anyone = certs.issue(Spec.of("anyone.test").subject("anyone").issuedBy(otherCa));

        assertThat(TlsClient.withCertificate(anyone).exchange(f.port(0), "shop.test",
                TlsClient.get("shop.test", "/")).response()).startsWith("HTTP/1.1 200");
        FakeTarget.Received seen = target.take();
        String chain = URLDecoder.decode(seen.header("X-Amzn-Mtls-Clientcert"), StandardCharsets.US_ASCII);
        assertThat(chain.split("-----BEGIN CERTIFICATE-----", -1)).as("the leaf and its CA").hasSize(3);
        assertThat(seen.header("X-Amzn-Mtls-Clientcert-Subject")).as("only in verify").isNull();

        assertThat(TlsClient.of().exchange(f.port(0), "shop.test", TlsClient.get("shop.test", "/")).response())
                .startsWith("HTTP/1.1 200");
        assertThat(target.take().header("X-Amzn-Mtls-Clientcert")).isNull();
    }

    private static double errors(Fulcrum f) {
        Counter c = f.metrics().registry().find("ClientTLSNegotiationErrorCount").counter();
        return c == null ? -1 : c.count();
    }
}
