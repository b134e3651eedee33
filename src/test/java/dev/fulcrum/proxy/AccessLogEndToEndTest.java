package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.forwardingTo;
import static dev.fulcrum.testing.TestConfigs.group;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fulcrum.Fulcrum;
import dev.fulcrum.FulcrumOptions;
import dev.fulcrum.config.AccessLogAttributes;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.core.ResourceIds;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.observability.AccessLogFormat;
import dev.fulcrum.observability.AccessLogWriter;
import dev.fulcrum.testing.AlbLogRegex;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.TestBalancer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access log written by a running balancer: a normal request's line, and nothing lost on a clean stop. */
class AccessLogEndToEndTest {

    private static FulcrumConfig withAccessLogs(FulcrumConfig c, Path folder) {
        return withAccessLogs(c, AccessLogAttributes.defaults().withEnabled(true).withPath(folder.toString()));
    }

    private static FulcrumConfig withAccessLogs(FulcrumConfig c, AccessLogAttributes logs) {
        return new FulcrumConfig(c.loadBalancer().withAccessLogs(logs), c.admin(), c.listeners(), c.targetGroups());
    }

    /** The lines of the one plain (uncompressed) file under {@code folder}. */
    private static List<String> onlyPlainFile(Path folder) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).singleElement().satisfies(f -> assertThat(f.toString()).endsWith(".log"));
        return Files.readAllLines(files.get(0));
    }

    private static List<String> lines(Path folder) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".log.gz")).toList()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(lines::add);
                }
            }
        }
        return lines;
    }

    @Test
    void logsANormalRequestWithEveryAlbFieldInPlace(@TempDir Path folder) throws IOException {
        try (FakeTarget target = FakeTarget.start("t").behave(FakeTarget.text(200, "hello"))) {
            TestBalancer lb = TestBalancer.start(withAccessLogs(forwardingTo(group("web", target)), folder));
            int port = lb.port();
            String request = "GET /shop/cart?item=42&q=a%20b HTTP/1.1\r\nHost: shop.example\r\n"
                    + "User-Agent: curl/8.5.0\r\nX-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678\r\n\r\n";
            try (RawHttpClient c = lb.connect()) {
                c.send(request);
                assertThat(c.readResponse().status()).isEqualTo(200);
            }
            lb.close();

            List<String> lines = lines(folder);
            assertThat(lines).hasSize(1);
            Map<String, String> c = AlbLogRegex.parse(lines.get(0));
            assertThat(c.get("type")).isEqualTo("http");
            assertThat(c.get("time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
            assertThat(c.get("elb")).isEqualTo(ResourceIds.loadBalancerId("test-lb"));
            assertThat(c.get("client_ip")).isEqualTo("127.0.0.1");
            assertThat(c.get("client_port")).matches("\\d+");
            assertThat(c.get("target_ip")).isEqualTo("127.0.0.1");
            assertThat(c.get("target_port")).isEqualTo(Integer.toString(target.port()));
            assertThat(c.get("request_processing_time")).matches("\\d+\\.\\d{3}");
            assertThat(c.get("target_processing_time")).matches("\\d+\\.\\d{3}");
            assertThat(c.get("response_processing_time")).matches("\\d+\\.\\d{3}");
            assertThat(c.get("elb_status_code")).isEqualTo("200");
            assertThat(c.get("target_status_code")).isEqualTo("200");
            assertThat(Long.parseLong(c.get("received_bytes"))).isEqualTo(request.length());
            assertThat(Long.parseLong(c.get("sent_bytes"))).isPositive();
            assertThat(c.get("request_verb")).isEqualTo("GET");
            assertThat(c.get("request_url")).isEqualTo("http://shop.example:" + port + "/shop/cart?item=42&q=a%20b");
            assertThat(c.get("request_proto")).isEqualTo("HTTP/1.1");
            assertThat(c.get("user_agent")).isEqualTo("curl/8.5.0");
            assertThat(c.get("ssl_cipher")).isEqualTo("-");
            assertThat(c.get("ssl_protocol")).isEqualTo("-");
            assertThat(c.get("target_group_arn")).isEqualTo(ResourceIds.targetGroupArn("test-lb", "web"));
            // The client's trace id continues, with the balancer's own Self entry in front, as ALB writes it.
            assertThat(c.get("trace_id"))
                    .matches("Self=1-[0-9a-f]{8}-[0-9a-f]{24};Root=1-67891233-abcdef012345678912345678");
            assertThat(c.get("domain_name")).isEqualTo("-");
            assertThat(c.get("chosen_cert_arn")).isEqualTo("-");
            assertThat(c.get("matched_rule_priority")).isEqualTo("0");
            assertThat(c.get("request_creation_time")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z")
                    .isLessThanOrEqualTo(c.get("time"));
            assertThat(c.get("actions_executed")).isEqualTo("forward");
            assertThat(c.get("redirect_url")).isEqualTo("-");
            assertThat(c.get("lambda_error_reason")).isEqualTo("-");
            assertThat(c.get("target_port_list")).isEqualTo("127.0.0.1:" + target.port());
            assertThat(c.get("target_status_code_list")).isEqualTo("200");
            assertThat(c.get("classification")).isEqualTo("-");
            assertThat(c.get("classification_reason")).isEqualTo("-");
            assertThat(c.get("conn_trace_id")).matches("TID_[0-9a-f]{32}");
            assertThat(c.get("rest")).isNull();
        }
    }

    @Test
    void aCleanStopUnderConcurrentLoadLeavesExactlyOneLinePerCompletedRequest(@TempDir Path folder)
            throws Exception {
        try (FakeTarget target = FakeTarget.start("t")
                .behave(FakeTarget.delayed(Duration.ofMillis(5), FakeTarget.text(200, "ok")))) {
            TestBalancer lb = TestBalancer.start(withAccessLogs(forwardingTo(group("web", target)), folder));
            Set<String> completed = ConcurrentHashMap.newKeySet();
            int clients = 8;
            CountDownLatch warm = new CountDownLatch(clients);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                int id = t;
                Thread thread = new Thread(() -> {
                    try (RawHttpClient c = lb.connect()) {
                        for (int i = 0; ; i++) {
                            String path = "/c" + id + "/r" + i;
                            RawHttpClient.Response r = c.get(path).readResponse();
                            if (r.status() == 200) {
                                completed.add(path);
                            }
                            if (i == 5) {
                                warm.countDown();
                            }
                            if ("close".equals(r.header("Connection"))) {
                                return;
                            }
                        }
                    } catch (Throwable e) {
                        // the balancer stopped: the connection is gone
                    } finally {
                        warm.countDown();
                    }
                }, "load-" + t);
                thread.start();
                threads.add(thread);
            }
            assertThat(warm.await(20, TimeUnit.SECONDS)).isTrue();
            lb.close(); // drains in-flight requests, then writes the last lines
            for (Thread t : threads) {
                t.join(20_000);
                assertThat(t.isAlive()).isFalse();
            }

            List<String> paths = lines(folder).stream()
                    .map(l -> AlbLogRegex.parse(l).get("request_url"))
                    .map(u -> u.substring(u.indexOf('/', "http://".length())))
                    .toList();
            assertThat(completed).hasSizeGreaterThan(clients * 5);
            assertThat(paths).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(completed);
        }
    }

    @Test
    void writesTheFormatTheAttributesChooseIntoPlainFilesWhenCompressionIsOff(@TempDir Path folder) throws Exception {
        try (FakeTarget target = FakeTarget.start("t").behave(FakeTarget.text(200, "ok"))) {
            TestBalancer lb = TestBalancer.start(withAccessLogs(forwardingTo(group("web", target)),
                    new AccessLogAttributes(true, folder.toString(), AccessLogAttributes.Format.JSON, 60, false)));
            try (RawHttpClient c = lb.connect()) {
                assertThat(c.get("/json").readResponse().status()).isEqualTo(200);
            }
            lb.close();

            var node = new ObjectMapper().readTree(onlyPlainFile(folder).get(0));
            assertThat(node.get("elb").asText()).isEqualTo(ResourceIds.loadBalancerId("test-lb"));
            assertThat(node.get("elb_status_code").asInt()).isEqualTo(200);
            assertThat(node.get("target:port").asText()).isEqualTo("127.0.0.1:" + target.port());
            assertThat(node.get("request").asText()).endsWith("/json HTTP/1.1");
        }
    }

    @Test
    void writesClassicLinesWithBodyByteCountsAsClbDoes(@TempDir Path folder) throws Exception {
        try (FakeTarget target = FakeTarget.start("t").behave(FakeTarget.text(200, "ok"))) {
            TestBalancer lb = TestBalancer.start(withAccessLogs(forwardingTo(group("web", target)),
                    new AccessLogAttributes(true, folder.toString(), AccessLogAttributes.Format.CLB, 5, false)));
            try (RawHttpClient c = lb.connect()) {
                c.send("POST /form HTTP/1.1\r\nHost: shop.example\r\nContent-Length: 5\r\n\r\nhello");
                assertThat(c.readResponse().status()).isEqualTo(200);
            }
            lb.close();

            assertThat(onlyPlainFile(folder)).singleElement().satisfies(l -> assertThat(l).matches(
                    "\\S+Z test-lb 127\\.0\\.0\\.1:\\d+ 127\\.0\\.0\\.1:" + target.port()
                    + " \\d+\\.\\d{6} \\d+\\.\\d{6} \\d+\\.\\d{6} 200 200 5 2 "
                    + "\"POST http://shop\\.example:\\d+/form HTTP/1\\.1\" \"-\" - -"));
        }
    }

    @Test
    void keepsServingWhileTheAccessLogWriterIsStuckAndCountsTheDroppedLines() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        OutputStream stuckDisk = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    release.await(); // a disk that does not answer
                } catch (InterruptedException e) {
                    throw new InterruptedIOException();
                }
            }
        };
        AccessLogWriter writer = AccessLogWriter.toStream(
                AccessLogFormat.alb("test-lb"), stuckDisk, Clock.systemUTC(), 4);
        int requests = 50;
        try (FakeTarget target = FakeTarget.start("t").behave(FakeTarget.text(200, "ok"))) {
            Fulcrum lb = Fulcrum.start(forwardingTo(group("web", target)),
                    FulcrumOptions.builder().eventLoops(1).log(writer).build());
            try (RawHttpClient c = RawHttpClient.connect(lb.port(0))) {
                for (int i = 0; i < requests; i++) {
                    assertThat(c.get("/" + i).readResponse().status()).isEqualTo(200);
                }
            } finally {
                lb.close();
            }
            assertThat(writer.droppedLines()).isPositive();
        } finally {
            release.countDown();
            writer.close();
        }
        assertThat(writer.droppedLines() + writer.writtenLines()).isEqualTo(requests);
    }
}
