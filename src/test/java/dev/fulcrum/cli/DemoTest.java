package dev.fulcrum.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.observability.ExchangeLog;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The demo a newcomer starts first: repeated requests to / reach both demo targets, and the rules answer. */
class DemoTest {

    @Test
    void repeatedRequestsReachBothDemoTargetsAndEveryRuleAnswers() throws Exception {
        try (DemoCommand.Demo demo = DemoCommand.Demo.start(0, ExchangeLog.discard())) {
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
            }
        }
    }
}
