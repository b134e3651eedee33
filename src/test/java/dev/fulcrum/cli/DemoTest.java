package dev.fulcrum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.core.LbError;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.observability.ExchangeLog;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.TlsClient;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo a newcomer starts first: repeated requests to / reach both demo targets, and the rules answer. */
class DemoTest {

    @Test
    void repeatedRequestsReachBothDemoTargetsAndEveryRuleAnswers() throws Exception {
        try (DemoCommand.Demo demo = DemoCommand.Demo.start(0, 0, 0, ExchangeLog.discard())) {
            // The demo waits (10 s at most) for every first check; in a cold JVM on a loaded machine a first check
            // can time out (2 s), leaving a target in its initial checks while the other, healthy, takes everything.
            var web = demo.fulcrum().targetGroups().get("web");
            await().atMost(Duration.ofSeconds(30)).until(() -> web.healthyTargetCount() == 2);
            Set<String> reached = new HashSet<>();
            for (int i = 0; i < 4; i++) {
                try (RawHttpClient c = RawHttpClient.connect(demo.port())) {
                    reached.add(c.get("/").readResponse().bodyText().lines().findFirst().orElseThrow());
                }
            }
            assertThat(reached).containsExactlyInAnyOrder("Hello from demo-a", "Hello from demo-b");
            try (RawHttpClient c = RawHttpClient.connect(demo.port())) {
                assertThat(c.get("/api/orders").readResponse().bodyText()).startsWith("Hello from demo-b");
                assertThat(c.get("/health").readResponse().bodyText()).isEqualTo("ok\n");
                RawHttpClient.Response redirect = c.get("/old/page").readResponse();
                assertThat(redirect.status()).isEqualTo(301);
                assertThat(redirect.header("Location")).endsWith("/new/old/page"); // #{path} is the whole path
                RawHttpClient.Response trace = c.send("TRACE / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse();
                assertThat(trace.status()).isEqualTo(405);
                assertThat(trace.header("X-Fulcrum-Error-Reason")).isEqualTo("TraceNotAllowed");
                RawHttpClient.Response secure = c.get("/secure/page").readResponse();
                assertThat(secure.status()).isEqualTo(301);
                assertThat(secure.header("Location")).isEqualTo("https://test.example:" + demo.httpsPort()
                        + "/secure/page");
            }
        }
    }

    @Test
    void servesTheSameRulesOverHttpsWithACertificateForLocalhostAndRefusesPlainHttpThere() throws Exception {
        try (DemoCommand.Demo demo = DemoCommand.Demo.start(0, 0, 0, ExchangeLog.discard())) {
            TlsClient.Result r = TlsClient.of().exchange(demo.httpsPort(), "localhost",
                    TlsClient.get("localhost", "/api/orders"));
            assertThat(r.protocol()).isEqualTo("TLSv1.3");
            assertThat(r.peerNames()).contains("localhost", "127.0.0.1");
            assertThat(r.response()).startsWith("HTTP/1.1 200").contains("Hello from demo-b");
            try (RawHttpClient plain = RawHttpClient.connect(demo.httpsPort())) {
                assertThat(plain.get("/").readResponse().status()).isEqualTo(400);
            }
            assertThat(DemoCommand.welcome(demo)).contains("https://localhost:" + demo.httpsPort())
                    .contains("curl -sik https://localhost:" + demo.httpsPort() + "/ ");
        }
    }

    @Test
    void theWelcomeShowsTheAdminAddressTheDemoListensOn() throws Exception {
        try (DemoCommand.Demo demo = DemoCommand.Demo.start(0, 0, 0, ExchangeLog.discard())) {
            String admin = "127.0.0.1:" + demo.fulcrum().adminAddress().getPort();
            assertThat(DemoCommand.welcome(demo))
                    .contains("  load balancer   http://127.0.0.1:" + demo.port() + "\n")
                    .contains("  admin endpoint  http://" + admin + "\n")
                    .contains("./fulcrum targets --admin " + admin + " ")
                    .contains("curl -s http://" + admin + "/api/v1/target-health ")
                    .contains("curl -s http://" + admin + "/metrics ")
                    .doesNotContain(":9090");
        }
    }

    @Test
    void theSummaryOfARequestShowsADashForWhatDidNotHappen() {
        ExchangeRecord unreadable = record(null, null, ExchangeRecord.NO_STATUS, ExchangeRecord.NO_RULE, List.of(),
                LbError.REQUEST_MALFORMED);
        assertThat(DemoCommand.describe(unreadable)).isEqualTo(
                "-                            elb=400 target=- via - rule=- actions=-  error_reason=RequestMalformed");
        ExchangeRecord served = record("GET", "127.0.0.1:8001", 200, 0, List.of("forward"), null);
        assertThat(DemoCommand.describe(served)).isEqualTo(
                "GET /                        elb=200 target=200 via 127.0.0.1:8001 rule=0 actions=forward");
    }

    private static ExchangeRecord record(String method, String target, int targetStatus, int rule,
            List<String> actions, LbError error) {
        long reached = target == null ? ExchangeRecord.NOT_REACHED : 1_000_000;
        return new ExchangeRecord("http", Instant.EPOCH, new InetSocketAddress("127.0.0.1", 50000), target,
                reached, reached, reached, error == null ? 200 : error.status(), targetStatus, 100, 200, method,
                "lab.example", 8080, method == null ? null : "/", "HTTP/1.1", "curl", null, null, rule, Instant.EPOCH,
                actions, null, error, "TID_0");
    }
}
