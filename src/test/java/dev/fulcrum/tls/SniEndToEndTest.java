package dev.fulcrum.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.LoadBalancerExtension;
import dev.fulcrum.testing.TestCertificates;
import dev.fulcrum.testing.TestCertificates.Issued;
import dev.fulcrum.testing.TestCertificates.Key;
import dev.fulcrum.testing.TestCertificates.Spec;
import dev.fulcrum.testing.TlsClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Which certificate a real client gets for the name it asks, and what the log says of it. */
class SniEndToEndTest {

    @RegisterExtension
    final LoadBalancerExtension lb = LoadBalancerExtension.create();

    @TempDir
    Path dir;

    private Fulcrum https(Issued... certificates) throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        StringBuilder list = new StringBuilder();
        for (Issued c : certificates) {
            list.append(list.isEmpty() ? "" : ", ").append(c.yaml());
        }
        return lb.start(ConfigLoader.parse("""
                admin: {listen: '127.0.0.1:0'}
                listeners:
                  - {port: 0, address: 127.0.0.1, protocol: HTTPS, certificates: [%s],
                     defaultActions: [{type: forward, targetGroup: web}]}
                targetGroups:
                  - {name: web, healthCheck: {enabled: false}, targets: [{id: 127.0.0.1, port: %d}]}
                """.formatted(list, target.port()), dir));
    }

    @Test
    void servesTheExactNameThenTheWildcardThenTheDefaultAndLogsTheNameOnlyWhenOneMatched() throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        Issued def = certs.issue("default.test");
        Issued wildcard = certs.issue("*.shop.test");
        Issued exact = certs.issue("www.shop.test");
        Fulcrum f = https(def, wildcard, exact);
        TlsClient client = TlsClient.of(List.of("TLSv1.3"), null);

        assertThat(client.exchange(f.port(0), "www.shop.test", TlsClient.get("www.shop.test", "/")).peerNames())
                .containsExactly("www.shop.test");
        assertThat(client.exchange(f.port(0), "api.shop.test", TlsClient.get("api.shop.test", "/")).peerNames())
                .containsExactly("*.shop.test");
        TlsClient.Result mismatch = client.exchange(f.port(0), "elsewhere.test", TlsClient.get("elsewhere.test", "/"));
        assertThat(mismatch.peerNames()).as("the default, which a browser refuses: NET::ERR_CERT_COMMON_NAME_INVALID")
                .containsExactly("default.test");
        assertThat(TlsClient.of().exchange(f.port(0), null, TlsClient.get("x", "/")).peerNames())
                .containsExactly("default.test");

        assertThat(lb.log().awaitRecord(4)).isNotNull();
        assertThat(lb.log().all()).extracting(r -> r.tls().serverName())
                .containsExactly("www.shop.test", "api.shop.test", null, null);
        assertThat(lb.log().all().get(1).tls().certificateArn()).isEqualTo(
                dev.fulcrum.core.ResourceIds.certificateArn(wildcard.certificateFile().toString()));
        assertThat(lb.log().lines().get(2)).contains(" \"-\" \"arn:aws:acm:");
    }

    @Test
    void givesEcdsaToAClientThatOffersItAndRsaToOneThatDoesNot() throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        Issued def = certs.issue(Spec.of("default.test").key(Key.RSA_2048));
        Issued rsa = certs.issue(Spec.of("a.test").key(Key.RSA_3072));
        Issued ec = certs.issue(Spec.of("a.test").key(Key.EC_256));
        Issued ecLonger = certs.issue(Spec.of("a.test").key(Key.EC_384));
        Fulcrum f = https(def, rsa, ec, ecLonger);

        TlsClient.Result modern = TlsClient.of().exchange(f.port(0), "a.test", TlsClient.get("a.test", "/"));
        assertThat(modern.peer()).as("ECDSA before RSA, then the longer key").isEqualTo(ecLonger.certificate());

        TlsClient rsaOnly = TlsClient.of(List.of("TLSv1.2"), List.of("ECDHE-RSA-AES128-GCM-SHA256"));
        assertThat(rsaOnly.exchange(f.port(0), "a.test", TlsClient.get("a.test", "/")).peer())
                .isEqualTo(rsa.certificate());
    }

    @Test
    void prefersTheCertificateValidLongestAmongOtherwiseEqualOnes() throws Exception {
        Instant now = Instant.now();
        TestCertificates certs = new TestCertificates(dir);
        Issued def = certs.issue("default.test");
        Issued soon = certs.issue(Spec.of("a.test").valid(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(10))));
        Issued later = certs.issue(Spec.of("a.test").valid(now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(90))));
        Fulcrum f = https(def, later, soon);

        assertThat(TlsClient.of().exchange(f.port(0), "a.test", TlsClient.get("a.test", "/")).peer())
                .isEqualTo(later.certificate());
    }
}
