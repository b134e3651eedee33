package dev.fulcrum.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.target.TargetHealth;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.LoadBalancerExtension;
import dev.fulcrum.testing.TestCertificates;
import dev.fulcrum.testing.TestCertificates.Issued;
import dev.fulcrum.testing.TlsClient;
import io.micrometer.core.instrument.Counter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS target groups: TLS to the target with ALB's policy towards targets, its failures 502 and 504. */
class TargetTlsTest {

    @RegisterExtension
    final LoadBalancerExtension lb = LoadBalancerExtension.create();

    @TempDir
    Path dir;

    private Fulcrum httpToHttpsGroup(int targetPort, String healthCheck) throws Exception {
        return lb.start(ConfigLoader.parse("""
                admin: {listen: '127.0.0.1:0'}
                loadBalancer:
                  attributes: {routing.http.target_connect_timeout_seconds: 1}
                listeners:
                  - {port: 0, address: 127.0.0.1, defaultActions: [{type: forward, targetGroup: secure}]}
                targetGroups:
                  - {name: secure, protocol: HTTPS, healthCheck: %s, targets: [{id: 127.0.0.1, port: %d}]}
                """.formatted(healthCheck, targetPort), dir));
    }

    @Test
    void speaksTlsToAnHttpsTargetGroupWithTlsTwelveBehindAnHttpListenerAndReusesTheConnection() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.startTls("secure", new TestCertificates(dir).issue("target.internal")));
        Fulcrum f = httpToHttpsGroup(target.port(), "{enabled: false}");

        try (RawHttpClient client = lb.keep(RawHttpClient.connect(f.port(0)))) {
            assertThat(client.get("/a").readResponse().status()).isEqualTo(200);
            assertThat(client.get("/b").readResponse().status()).isEqualTo(200);
        }

        assertThat(target.take().uri()).isEqualTo("/a");
        assertThat(target.handshakes()).as("ELBSecurityPolicy-2016-08: TLS 1.2 at most; one pooled connection")
                .containsExactly("TLSv1.2");
        ExchangeRecord rec = lb.log().awaitRecord(1);
        assertThat(rec.targetStatus()).isEqualTo(200);
        assertThat(rec.type()).as("the client's side is plain").isEqualTo("http");
    }

    @Test
    void speaksTlsThirteenToTargetsBehindAListenerWhosePolicyHasIt() throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        FakeTarget target = lb.keep(FakeTarget.startTls("secure", certs.issue("target.internal")));
        Issued front = certs.issue("shop.test");
        Fulcrum f = lb.start(ConfigLoader.parse("""
                admin: {listen: '127.0.0.1:0'}
                listeners:
                  - {port: 0, address: 127.0.0.1, protocol: HTTPS, certificates: [%s],
                     defaultActions: [{type: forward, targetGroup: secure}]}
                targetGroups:
                  - {name: secure, protocol: HTTPS, healthCheck: {enabled: false},
                     targets: [{id: 127.0.0.1, port: %d}]}
                """.formatted(front.yaml(), target.port()), dir));

        assertThat(TlsClient.of().exchange(f.port(0), "shop.test", TlsClient.get("shop.test", "/")).response())
                .startsWith("HTTP/1.1 200");
        assertThat(target.handshakes()).as("ELBSecurityPolicy-TLS13-1-0-2021-06").containsExactly("TLSv1.3");
    }

    @Test
    void answers502TargetTlsNegotiationErrorWhenTheTargetSpeaksPlainHttpAndCountsIt() throws Exception {
        FakeTarget plain = lb.keep(FakeTarget.start("plain"));
        Fulcrum f = httpToHttpsGroup(plain.port(), "{enabled: false}");

        RawHttpClient.Response r = lb.keep(RawHttpClient.connect(f.port(0))).get("/").readResponse();

        assertThat(r.status()).isEqualTo(502);
        ExchangeRecord rec = lb.log().awaitRecord(1);
        assertThat(rec.errorReason()).isEqualTo("TargetTlsNegotiationError");
        assertThat(rec.target()).isEqualTo("127.0.0.1:" + plain.port());
        assertThat(count(f, "TargetTLSNegotiationErrorCount")).isEqualTo(1.0);
        assertThat(count(f, "TargetConnectionErrorCount")).as("the connection itself stood").isZero();
    }

    @Test
    void answers504TargetTlsHandshakeTimeoutWhenTheTargetNeverAnswersTheClientHello() throws Exception {
        List<Socket> held = new ArrayList<>();
        ServerSocket silent = lb.keep(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        Thread acceptor = new Thread(() -> {
            try {
                while (!silent.isClosed()) {
                    held.add(silent.accept()); // accepts and says nothing: the ClientHello waits forever
                }
            } catch (IOException closed) {
                held.forEach(s -> {
                    try {
                        s.close();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        });
        acceptor.start();
        Fulcrum f = httpToHttpsGroup(silent.getLocalPort(), "{enabled: false}");

        RawHttpClient.Response r = lb.keep(RawHttpClient.connect(f.port(0))).get("/").readResponse();

        assertThat(r.status()).isEqualTo(504);
        assertThat(lb.log().awaitRecord(1).errorReason()).isEqualTo("TargetTlsHandshakeTimeout");
        assertThat(count(f, "TargetTLSNegotiationErrorCount")).isEqualTo(1.0);
    }

    @Test
    void checksHttpsTargetsOverTlsByDefaultAndFailsAPlainOne() throws Exception {
        FakeTarget secure = lb.keep(FakeTarget.startTls("secure", new TestCertificates(dir).issue("t.internal")));
        FakeTarget plain = lb.keep(FakeTarget.start("plain"));
        Fulcrum f = lb.start(ConfigLoader.parse("""
                admin: {listen: '127.0.0.1:0'}
                listeners:
                  - {port: 0, address: 127.0.0.1, defaultActions: [{type: forward, targetGroup: secure}]}
                targetGroups:
                  - name: secure
                    protocol: HTTPS
                    healthCheck: {intervalSeconds: 5, timeoutSeconds: 2, healthyThresholdCount: 2,
                                  unhealthyThresholdCount: 2}
                    targets: [{id: 127.0.0.1, port: %d}, {id: 127.0.0.1, port: %d}]
                """.formatted(secure.port(), plain.port()), dir));

        assertThat(f.config().targetGroups().get(0).healthCheck().protocol().name()).isEqualTo("HTTPS");
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                health(f, secure.port()).equals(TargetHealth.HEALTHY)
                        && health(f, plain.port()).equals(TargetHealth.FAILED_HEALTH_CHECKS));
        assertThat(secure.take().uri()).isEqualTo("/");
    }

    private static TargetHealth health(Fulcrum f, int port) {
        return f.targetGroups().get("secure").targets().stream().filter(t -> t.port() == port).findFirst()
                .orElseThrow().health();
    }

    private static double count(Fulcrum f, String name) {
        return f.metrics().registry().find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
