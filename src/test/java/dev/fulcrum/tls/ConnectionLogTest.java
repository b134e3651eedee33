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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** ALB's connection log: one line per TLS connection, its fields, its files, and every verify status we make. */
class ConnectionLogTest {

    /** ALB's connection-log line, field by field. */
    private static final Pattern LINE = Pattern.compile("(\\S+Z) (127\\.0\\.0\\.1) (\\d+) (\\d+) (\\S+) (\\S+)"
            + " (\\d+\\.\\d{3}) \"([^\"]*)\" (\\S+) (\\S+) (\\S+) (TID_[0-9a-f]{32})");

    @RegisterExtension
    final LoadBalancerExtension lb = LoadBalancerExtension.create();

    @TempDir
    Path dir;

    @Test
    void writesOneLinePerTlsConnectionWithItsCertificateAndVerifyStatusInAlbsFiles() throws Exception {
        TestCertificates certs = new TestCertificates(dir);
        Issued server = certs.issue("shop.test");
        Issued ca = certs.issue(Spec.of().subject("Test CA").authority());
        Issued alice = certs.issue(Spec.of("alice.test").subject("alice").issuedBy(ca));
        Instant now = Instant.now();
        Issued expired = certs.issue(Spec.of("old.test").subject("old").issuedBy(ca)
                .valid(now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(1))));
        Issued otherCa = certs.issue(Spec.of().subject("Other CA").authority());
        Issued eve = certs.issue(Spec.of("eve.test").subject("eve").issuedBy(otherCa));
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Path logs = dir.resolve("logs");
        Fulcrum f = lb.start(ConfigLoader.parse("""
                admin: {listen: '127.0.0.1:0'}
                loadBalancer:
                  name: shop
                  attributes: {connection_logs.enabled: true, connection_logs.path: '%s', access_logs.compress: false}
                listeners:
                  - {port: 0, address: 127.0.0.1, protocol: HTTPS, certificates: [%s],
                     mutualAuthentication: {mode: verify, trustStore: '%s'},
                     defaultActions: [{type: forward, targetGroup: web}]}
                targetGroups:
                  - {name: web, healthCheck: {enabled: false}, targets: [{id: 127.0.0.1, port: %d}]}
                """.formatted(logs, server.yaml(), ca.certificateFile(), target.port()), dir));
        int port = f.port(0);

        TlsClient.withCertificate(alice).exchange(port, "shop.test", TlsClient.get("shop.test", "/"));
        TlsClient.withCertificate(expired).exchange(port, "shop.test", TlsClient.get("shop.test", "/"));
        TlsClient.withCertificate(eve).exchange(port, "shop.test", TlsClient.get("shop.test", "/"));
        TlsClient.of().exchange(port, "shop.test", TlsClient.get("shop.test", "/"));
        TlsClient.of(List.of("TLSv1"), null).exchange(port, "shop.test", null);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lines(logs).size() == 5);
        List<java.util.regex.Matcher> m = lines(logs).stream().map(LINE::matcher).toList();
        m.forEach(line -> assertThat(line.matches()).as(line.toString()).isTrue());
        java.util.regex.Matcher ok = m.get(0);
        assertThat(ok.group(4)).isEqualTo(Integer.toString(port));
        assertThat(ok.group(5)).isEqualTo("TLSv1.3");
        assertThat(ok.group(6)).startsWith("TLS_");
        assertThat(ok.group(8)).isEqualTo("CN=alice");
        assertThat(ok.group(9)).isEqualTo("NotBefore=" + alice.certificate().getNotBefore().toInstant()
                + ";NotAfter=" + alice.certificate().getNotAfter().toInstant());
        assertThat(ok.group(10)).isEqualTo(alice.certificate().getSerialNumber().toString(16).toUpperCase());
        assertThat(ok.group(11)).isEqualTo("Success");
        assertThat(ok.group(12)).as("the same id as its requests' access-log lines")
                .isEqualTo(lb.log().awaitRecord(1).connTraceId());
        assertThat(m.stream().skip(1).map(x -> x.group(11))).containsExactly("Failed:ClientCertExpired",
                "Failed:ClientCertUntrusted", "Failed:ClientCertRejected", "Failed:UnmappedConnectionError");
        assertThat(m.get(1).group(5)).as("no protocol was agreed").isEqualTo("-");
        assertThat(m.get(1).group(8)).isEqualTo("-");

        Path file;
        try (Stream<Path> files = Files.walk(logs)) {
            file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        assertThat(logs.relativize(file).toString()).matches("AWSLogs/000000000000/elasticloadbalancing/local/"
                + "\\d{4}/\\d{2}/\\d{2}/conn_log\\.000000000000_elasticloadbalancing_local_app\\.shop\\.[0-9a-f]{16}_"
                + "\\d{8}T\\d{4}Z_127\\.0\\.0\\.1_[a-z0-9]{8}\\.log");
    }

    private static List<String> lines(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
