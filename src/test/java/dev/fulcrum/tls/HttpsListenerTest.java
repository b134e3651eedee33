package dev.fulcrum.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.LoadBalancerExtension;
import dev.fulcrum.testing.TestCertificates;
import dev.fulcrum.testing.TestCertificates.Issued;
import dev.fulcrum.testing.TlsClient;
import io.micrometer.core.instrument.Counter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An HTTPS listener end to end: real TLS clients on loopback, certificates made for the test. */
class HttpsListenerTest {

    @RegisterExtension
    final LoadBalancerExtension lb = LoadBalancerExtension.create();

    @TempDir
    Path dir;

    private Fulcrum https(FakeTarget target, String policy, Issued... certificates) {
        StringBuilder list = new StringBuilder();
        for (Issued c : certificates) {
            list.append("\n        - ").append(c.yaml());
        }
        String yaml = """
                admin: {listen: '127.0.0.1:0'}
                listeners:
                  - port: 0
                    address: 127.0.0.1
                    protocol: HTTPS
                %s    certificates:%s
                    defaultActions: [{type: forward, targetGroup: web}]
                targetGroups:
                  - name: web
                    healthCheck: {enabled: false}
                    targets: [{id: 127.0.0.1, port: %d}]
                """.formatted(policy == null ? "" : "    sslPolicy: " + policy + "\n", list, target.port());
        try {
            FulcrumConfig config = ConfigLoader.parse(yaml, dir);
            return lb.start(config);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void forwardsAnHttpsRequestWithItsTlsFieldsInTheLogAndHttpsInXForwardedProto() {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Issued shop = new TestCertificates(dir).issue("shop.example.com");
        Fulcrum f = https(target, null, shop);

        TlsClient.Result r = TlsClient.of().exchange(f.port(0), "shop.example.com",
                TlsClient.get("shop.example.com", "/cart"));

        assertThat(r.handshook()).isTrue();
        assertThat(r.protocol()).as("the default policy's best").isEqualTo("TLSv1.3");
        assertThat(r.response()).startsWith("HTTP/1.1 200");
        FakeTarget.Received seen = target.take();
        assertThat(seen.header("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(seen.header("X-Forwarded-Port")).isEqualTo(Integer.toString(f.port(0)));
        ExchangeRecord rec = lb.log().awaitRecord(1);
        assertThat(rec.type()).isEqualTo("https");
        assertThat(rec.tls().protocol()).isEqualTo("TLSv1.3");
        assertThat(rec.tls().cipher()).isEqualTo(r.openSslCipher()).startsWith("TLS_");
        assertThat(rec.tls().serverName()).isEqualTo("shop.example.com");
        assertThat(rec.tls().chosenCertificate()).startsWith("arn:aws:acm:local:000000000000:certificate/");
        String line = lb.log().lines().get(0);
        assertThat(line).startsWith("https ")
                .contains(" " + r.openSslCipher() + " TLSv1.3 ")
                .contains("\"shop.example.com\" \"arn:aws:acm:")
                .contains("\"GET https://shop.example.com:" + f.port(0) + "/cart HTTP/1.1\"");
    }

    @Test
    void answersPlainHttpOnTheHttpsPortWith400AndItsOwnReason() {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Fulcrum f = https(target, null, new TestCertificates(dir).issue("shop.example.com"));

        try (RawHttpClient client = lb.keep(RawHttpClient.connect(f.port(0)))) {
            RawHttpClient.Response response = client.get("/").readResponse();
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.bodyText()).contains("The plain HTTP request was sent to HTTPS port");
            assertThat(client.isClosedByPeer()).isTrue();
        }
        ExchangeRecord rec = lb.log().awaitRecord(1);
        assertThat(rec.elbStatus()).isEqualTo(400);
        assertThat(rec.errorReason()).isEqualTo("PlainHttpOnHttpsPort");
        assertThat(rec.type()).as("the client spoke plain HTTP").isEqualTo("http");
        assertThat(rec.tls()).isNull();
        assertThat(target.receivedCount()).isZero();
    }

    @Test
    void countsAFailedHandshakeInClientTlsNegotiationErrorCountAndLogsNoRequest() {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Fulcrum f = https(target, "ELBSecurityPolicy-TLS13-1-2-2021-06", new TestCertificates(dir).issue("a.test"));

        TlsClient.Result r = TlsClient.of(List.of("TLSv1"), null).exchange(f.port(0), "a.test", null);

        assertThat(r.handshook()).as("TLS 1.0 is not in the policy").isFalse();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> errors(f) == 1.0);
        assertThat(lb.log().size()).isZero();
        assertThat(TlsClient.of().exchange(f.port(0), "a.test", TlsClient.get("a.test", "/")).response())
                .as("the listener goes on").startsWith("HTTP/1.1 200");
    }

    @Test
    void resumesASessionAndLogsSessionReusedAsTheChosenCertificate() {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Fulcrum f = https(target, "ELBSecurityPolicy-TLS-1-2-2017-01", new TestCertificates(dir).issue("a.test"));
        TlsClient client = TlsClient.of();

        client.exchange(f.port(0), "a.test", TlsClient.get("a.test", "/1"));
        client.exchange(f.port(0), "a.test", TlsClient.get("a.test", "/2"));

        assertThat(lb.log().awaitRecord(1).tls().chosenCertificate()).startsWith("arn:");
        assertThat(lb.log().awaitRecord(2).tls().chosenCertificate()).isEqualTo("session-reused");
        assertThat(lb.log().lines().get(1)).contains(" \"a.test\" \"session-reused\" ");
    }

    @Test
    void addsTheTlsVersionAndCipherHeadersWhenTheAttributeSaysSoInPlaceOfTheClients() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Issued c = new TestCertificates(dir).issue("a.test");
        Fulcrum f = lb.start(ConfigLoader.parse("""
                admin: {listen: '127.0.0.1:0'}
                loadBalancer:
                  attributes: {routing.http.x_amzn_tls_version_and_cipher_suite.enabled: true}
                listeners:
                  - {port: 0, address: 127.0.0.1, protocol: HTTPS, sslPolicy: ELBSecurityPolicy-TLS-1-2-2017-01,
                     certificates: [%s], defaultActions: [{type: forward, targetGroup: web}]}
                targetGroups:
                  - {name: web, healthCheck: {enabled: false}, targets: [{id: 127.0.0.1, port: %d}]}
                """.formatted(c.yaml(), target.port()), dir));

        TlsClient.of(List.of("TLSv1.2"), List.of("ECDHE-ECDSA-AES256-GCM-SHA384")).exchange(f.port(0), "a.test",
                "GET / HTTP/1.1\r\nHost: a.test\r\nX-Amzn-Tls-Version: TLSv9\r\nConnection: close\r\n\r\n");

        FakeTarget.Received seen = target.take();
        assertThat(seen.header("X-Amzn-Tls-Version")).isEqualTo("TLSv1.2");
        assertThat(seen.header("X-Amzn-Tls-Cipher-Suite")).isEqualTo("ECDHE-ECDSA-AES256-GCM-SHA384");
        assertThat(seen.headers().getAll("X-Amzn-Tls-Version")).hasSize(1);
    }

    @Test
    void redirectsHttpToTheHttpsListenerEndToEnd() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Issued c = new TestCertificates(dir).issue("shop.test");
        int httpsPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            httpsPort = probe.getLocalPort(); // a free port for the HTTPS listener, which the redirect must name
        }
        Fulcrum f = lb.start(ConfigLoader.parse("""
                admin: {listen: '127.0.0.1:0'}
                listeners:
                  - port: 0
                    address: 127.0.0.1
                    defaultActions:
                      - {type: redirect, redirect: {protocol: HTTPS, port: %d, statusCode: HTTP_301}}
                  - {port: %d, address: 127.0.0.1, protocol: HTTPS, certificates: [%s],
                     defaultActions: [{type: forward, targetGroup: web}]}
                targetGroups:
                  - {name: web, healthCheck: {enabled: false}, targets: [{id: 127.0.0.1, port: %d}]}
                """.formatted(httpsPort, httpsPort, c.yaml(), target.port()), dir));

        RawHttpClient.Response redirect = lb.keep(RawHttpClient.connect(f.port(0)))
                .send("GET /cart?id=7 HTTP/1.1\r\nHost: shop.test\r\n\r\n").readResponse();
        assertThat(redirect.status()).isEqualTo(301);
        String location = redirect.header("Location");
        assertThat(location).isEqualTo("https://shop.test:" + httpsPort + "/cart?id=7");

        TlsClient.Result followed = TlsClient.of().exchange(httpsPort, "shop.test",
                TlsClient.get("shop.test", "/cart?id=7"));
        assertThat(followed.response()).startsWith("HTTP/1.1 200");
        assertThat(target.take().uri()).isEqualTo("/cart?id=7");
        assertThat(lb.log().await(r -> r.type().equals("https")).uri()).isEqualTo("/cart?id=7");
    }

    private static double errors(Fulcrum f) {
        Counter c = f.metrics().registry().find("ClientTLSNegotiationErrorCount").counter();
        return c == null ? -1 : c.count();
    }
}
