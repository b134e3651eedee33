package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.listener;
import static dev.fulcrum.testing.TestConfigs.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.core.LbError;
import dev.fulcrum.core.Phase;
import dev.fulcrum.lab.Hold;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.lab.RawTarget;
import dev.fulcrum.observability.AccessLogFormat;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.AdminPages;
import dev.fulcrum.testing.TestBalancer;
import dev.fulcrum.testing.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same error in different phases is told apart: the record, the JSON access log's {@code error_phase} and
 * {@code Fulcrum_ErrorReason_Count}'s {@code phase} label carry where it really struck, not where the catalog says it
 * usually does. The ALB line stays ALB's.
 */
class ErrorPhaseTest {

    private static TestBalancer balancerFor(RawTarget t) {
        return TestBalancer.start(config(LoadBalancerAttributes.defaults(), listener(List.of(), forward("web")),
                TestConfigs.group("web", Algorithm.ROUND_ROBIN, List.of(target(t.port())))));
    }

    private static void assertPhase(TestBalancer lb, ExchangeRecord r, LbError error, Phase phase) {
        assertThat(r.error()).isEqualTo(error);
        assertThat(r.errorPhase()).isEqualTo(phase);
        assertThat(AccessLogFormat.json("test-lb").format(r)).endsWith(",\"error_phase\":\"" + phase + "\"}");
        assertThat(AccessLogFormat.alb("test-lb").format(r)).doesNotContain(phase.name());
        AdminPages.awaitSample(lb, "Fulcrum_ErrorReason_Count_total",
                "error_reason=\"" + error.errorReason() + "\",load_balancer", 1);
        String scrape = AdminPages.get(lb, "/metrics").bodyText();
        assertThat(AdminPages.sample(scrape, "Fulcrum_ErrorReason_Count_total", "phase=\"" + phase + "\"")).isEqualTo(1);
    }

    @Test
    void aTargetThatClosesBeforeAnsweringFailsWhileAwaitingTheResponse() {
        try (RawTarget t = RawTarget.start(s -> RawTarget.readHead(s.getInputStream()));
                TestBalancer lb = balancerFor(t);
                RawHttpClient c = lb.connect()) {
            assertThat(c.get("/").readResponse().status()).isEqualTo(502);
            assertPhase(lb, lb.log().awaitRecord(1), LbError.TARGET_CLOSED_CONNECTION, Phase.AWAITING_RESPONSE);
        }
    }

    @Test
    void aTargetThatClosesInTheMiddleOfItsBodyFailsWhileStreamingTheResponse() throws Exception {
        // Longer than a held response: the head and the first bytes reach the client, then the target leaves.
        try (RawTarget t = RawTarget.start(s -> {
                    RawTarget.readHead(s.getInputStream());
                    RawTarget.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + "x".repeat(70_000));
                });
                TestBalancer lb = balancerFor(t);
                RawHttpClient c = lb.connect()) {
            c.get("/");
            c.socket().setSoTimeout(15_000);
            String received = new String(c.socket().getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(received).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(received.length()).as("cut short: the status could no longer change").isLessThan(100_000);
            ExchangeRecord r = lb.log().awaitRecord(1);
            assertThat(r.elbStatus()).isEqualTo(200);
            assertPhase(lb, r, LbError.TARGET_CLOSED_CONNECTION, Phase.STREAMING_RESPONSE);
        }
    }

    @Test
    void aClientThatLeavesWhileTheTargetWorksIs460WhileAwaitingTheResponse() throws Exception {
        try (Hold answer = new Hold();
                RawTarget t = RawTarget.start(s -> {
                    RawTarget.readHead(s.getInputStream());
                    answer.await(); // never answers while the test runs
                });
                TestBalancer lb = balancerFor(t)) {
            RawHttpClient c = lb.connect();
            c.get("/");
            org.awaitility.Awaitility.await().until(() -> t.connections() == 1);
            c.close();
            assertPhase(lb, lb.log().awaitRecord(1), LbError.CLIENT_CLOSED, Phase.AWAITING_RESPONSE);
        }
    }
}
