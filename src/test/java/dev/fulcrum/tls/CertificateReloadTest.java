package dev.fulcrum.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.config.CertificateConfig;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.SecurityPolicy;
import dev.fulcrum.config.TlsConfig;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.LoadBalancerExtension;
import dev.fulcrum.testing.TestCertificates;
import dev.fulcrum.testing.TestCertificates.Issued;
import dev.fulcrum.testing.TlsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A certificate whose files change is served to new handshakes, under traffic, without a failed request. */
class CertificateReloadTest {

    @RegisterExtension
    final LoadBalancerExtension lb = LoadBalancerExtension.create();

    @TempDir
    Path dir;

    @Test
    void servesTheNewCertificateWithoutAFailedRequestOrADroppedConnection() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        TestCertificates certs = new TestCertificates(dir);
        Issued old = certs.issue("a.test");
        Issued fresh = certs.issue("a.test", "b.test");
        Path certFile = dir.resolve("live.pem");
        Path keyFile = dir.resolve("live.key");
        Files.copy(old.certificateFile(), certFile);
        Files.copy(old.keyFile(), keyFile);
        Fulcrum f = lb.start(ConfigLoader.parse("""
                admin: {listen: '127.0.0.1:0'}
                listeners:
                  - {port: 0, address: 127.0.0.1, protocol: HTTPS,
                     certificates: [{certificateFile: live.pem, keyFile: live.key}],
                     defaultActions: [{type: forward, targetGroup: web}]}
                targetGroups:
                  - {name: web, healthCheck: {enabled: false}, targets: [{id: 127.0.0.1, port: %d}]}
                """.formatted(target.port()), dir));
        RawHttpClient keptOpen = lb.keep(RawHttpClient.over(TlsClient.socket(f.port(0), "a.test")));
        assertThat(keptOpen.get("/before").readResponse().status()).isEqualTo(200);

        // Traffic throughout: a new TLS connection per request, each must get a 200.
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger served = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread traffic = new Thread(() -> {
            TlsClient client = TlsClient.of();
            while (running.get()) {
                TlsClient.Result r = client.exchange(f.port(0), "a.test", TlsClient.get("a.test", "/during"));
                if (r.handshook() && r.response().startsWith("HTTP/1.1 200")) {
                    served.incrementAndGet();
                } else {
                    failures.add(String.valueOf(r.failure() != null ? r.failure() : r.response()));
                }
            }
        });
        traffic.start();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> served.get() > 5);
            // A new key first (the pair does not match for a moment: refused, the old one stays), then its cert.
            Files.copy(fresh.keyFile(), dir.resolve("next.key"));
            Files.move(dir.resolve("next.key"), keyFile, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            Files.copy(fresh.certificateFile(), dir.resolve("next.pem"));
            Files.move(dir.resolve("next.pem"), certFile, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);

            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> TlsClient.of()
                    .exchange(f.port(0), "b.test", null).peer().equals(fresh.certificate()));
            int before = served.get();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> served.get() > before + 5);
        } finally {
            running.set(false);
            traffic.join(20_000);
        }
        assertThat(failures).isEmpty();
        assertThat(keptOpen.get("/after").readResponse().status())
                .as("a connection from before the reload goes on").isEqualTo(200);
        assertThat(f.listenerAddresses()).hasSize(1);
    }

    @Test
    void keepsTheOldCertificateWhenTheNewFileIsBadAndTakesTheFixedOne() throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        Issued old = certs.issue("a.test");
        Issued fresh = certs.issue("a.test");
        Path certFile = dir.resolve("live.pem");
        Path keyFile = dir.resolve("live.key");
        Files.copy(old.certificateFile(), certFile);
        Files.copy(old.keyFile(), keyFile);
        CertificateConfig c = CertificateConfig.of(certFile, keyFile, old.certificate());
        ServerTls tls = ServerTls.of(new TlsConfig(SecurityPolicy.named(SecurityPolicy.DEFAULT).orElseThrow(),
                List.of(c)), true);
        ServerTls.Chosen before = tls.choose(ClientHello.NONE);

        Files.writeString(certFile, "-----BEGIN CERTIFICATE-----\nnot base64 !\n-----END CERTIFICATE-----\n");
        tls.reloadIfChanged();
        assertThat(tls.choose(ClientHello.NONE).context()).as("the broken file is refused").isSameAs(before.context());

        Files.copy(fresh.certificateFile(), certFile, StandardCopyOption.REPLACE_EXISTING);
        tls.reloadIfChanged();
        assertThat(tls.choose(ClientHello.NONE).context()).as("not the old key's certificate")
                .isSameAs(before.context());

        Files.copy(fresh.keyFile(), keyFile, StandardCopyOption.REPLACE_EXISTING);
        tls.reloadIfChanged();
        assertThat(tls.choose(ClientHello.NONE).context()).isNotSameAs(before.context());
        assertThat(tls.certificates().get(0).notAfter()).isEqualTo(fresh.certificate().getNotAfter().toInstant());
        assertThat(tls.choose(ClientHello.NONE).certificateArn()).as("the same file keeps its ARN")
                .isEqualTo(before.certificateArn());
    }
}
