package dev.fulcrum.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.LoadBalancerExtension;
import dev.fulcrum.testing.TestCertificates;
import dev.fulcrum.testing.TestCertificates.Issued;
import dev.fulcrum.testing.TlsClient;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Where BoringSSL does not load the JDK's TLS serves: forced here with -Dfulcrum.tls.provider=jdk. */
class JdkTlsFallbackTest {

    @RegisterExtension
    final LoadBalancerExtension lb = LoadBalancerExtension.create();

    @TempDir
    Path dir;

    @AfterEach
    void backToBoringSsl() {
        System.clearProperty(TlsProvider.PROPERTY);
    }

    @Test
    void servesTheSamePolicyCertificatesAndLogFieldsOnTheJdksTls() throws Exception {
        System.setProperty(TlsProvider.PROPERTY, "jdk");
        assertThat(TlsProvider.provider()).isEqualTo(SslProvider.JDK);
        assertThat(TlsProvider.describe()).startsWith("TLS by the JDK");
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        TestCertificates certs = new TestCertificates(dir);
        Issued def = certs.issue("default.test");
        Issued shop = certs.issue("shop.test");
        Fulcrum f = lb.start(ConfigLoader.parse("""
                admin: {listen: '127.0.0.1:0'}
                listeners:
                  - {port: 0, address: 127.0.0.1, protocol: HTTPS, sslPolicy: ELBSecurityPolicy-TLS-1-2-2017-01,
                     certificates: [%s, %s], defaultActions: [{type: forward, targetGroup: web}]}
                targetGroups:
                  - {name: web, healthCheck: {enabled: false}, targets: [{id: 127.0.0.1, port: %d}]}
                """.formatted(def.yaml(), shop.yaml(), target.port()), dir));
        System.clearProperty(TlsProvider.PROPERTY);

        SSLSocket socket = TlsClient.socket(f.port(0), "shop.test");
        assertThat(socket.getSession().getProtocol()).as("the policy has TLS 1.2 only").isEqualTo("TLSv1.2");
        assertThat(socket.getSession().getPeerCertificates()[0]).isEqualTo(shop.certificate());
        RawHttpClient client = lb.keep(RawHttpClient.over(socket));
        assertThat(client.get("/").readResponse().status()).isEqualTo(200);

        ExchangeRecord rec = lb.log().awaitRecord(1);
        assertThat(rec.tls().protocol()).isEqualTo("TLSv1.2");
        assertThat(rec.tls().cipher()).as("OpenSSL's name, as with BoringSSL").startsWith("ECDHE-")
                .doesNotStartWith("TLS_");
        assertThat(rec.tls().serverName()).isEqualTo("shop.test");
        assertThat(TlsClient.of(List.of("TLSv1.3"), null).exchange(f.port(0), "shop.test", null).handshook())
                .as("TLS 1.3 is not in the policy").isFalse();
    }
}
