package dev.fulcrum.listener;

import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.group;
import static dev.fulcrum.testing.TestConfigs.listener;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.AdminPages;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.RecordingLog;
import dev.fulcrum.testing.TestBalancer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One response, one access-log line, one count: once a response closed the connection, nothing the client sent
 * after it (the rest of a half-sent request, a second request, garbage) becomes another exchange, a line such as
 * {@code 400 "- - -"} or a count in HTTPCode_ELB_4XX.
 */
class OneLinePerResponseTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"408-half-sent-request", "505-http2", "400-connect", "400-bad-line-then-more"})
    void aResponseThatClosesTheConnectionIsTheLastOneLogged(String scenario) throws Exception {
        String request = switch (scenario) {
            case "408-half-sent-request" -> "GET / HTTP/1.1\r\nHost: x.example\r\nX-Half: ab";
            case "505-http2" -> "GET / HTTP/2.0\r\nHost: x.example\r\n\r\nGET /next HTTP/1.1\r\nHost: x.example\r\n\r\n";
            case "400-connect" -> "CONNECT x.example:443 HTTP/1.1\r\nHost: x.example:443\r\n\r\n"
                    + "GET / HTTP/1.1\r\nHost: x.example\r\n\r\n\u0016\u0003\u0001";
            default -> "GARBAGE\r\n\r\nGET / HTTP/1.1\r\nHost: x.example\r\n\r\nGET / HTTP/1.1\r\nHost: half";
        };
        int status = Integer.parseInt(scenario.substring(0, 3));
        RecordingLog log;
        try (FakeTarget target = FakeTarget.start("t1");
                TestBalancer lb = TestBalancer.start(config(LoadBalancerAttributes.defaults()
                        .withIdleTimeout(Duration.ofMillis(500)), listener(List.of(), forward("web")),
                        group("web", target)))) {
            log = lb.log();
            try (RawHttpClient c = lb.connect()) {
                assertThat(c.send(request).readResponse().status()).isEqualTo(status);
                assertThat(c.isClosedByPeer()).isTrue();
            }
            ExchangeRecord only = log.awaitRecord(1);
            assertThat(only.elbStatus()).isEqualTo(status);
            AdminPages.awaitSample(lb, "HTTPCode_ELB_4XX_Count_total", "load_balancer", status / 100 == 4 ? 1 : 0);
            AdminPages.awaitSample(lb, "HTTPCode_ELB_5XX_Count_total", "load_balancer", status / 100 == 5 ? 1 : 0);
            assertThat(target.receivedCount()).isZero();
        }
        // The balancer has stopped: every exchange that could still end has been recorded.
        assertThat(log.all()).hasSize(1);
    }
}
