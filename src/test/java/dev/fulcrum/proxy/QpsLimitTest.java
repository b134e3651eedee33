package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.group;
import static dev.fulcrum.testing.TestConfigs.listener;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.FulcrumOptions;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.SteppedTicker;
import dev.fulcrum.testing.TestBalancer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code routing.http.max_requests_per_second} counts requests in whole seconds of the balancer's ticker: stepped
 * by the test, so which request is refused does not depend on where the machine's second boundaries fall.
 */
class QpsLimitTest {

    @Test
    void refusesTheRequestsOverTheLimitInOneSecondAndAdmitsAgainInTheNext() {
        SteppedTicker ticker = new SteppedTicker();
        LoadBalancerAttributes twoPerSecond = LoadBalancerAttributes.defaults().toBuilder().maxRequestsPerSecond(2)
                .errorReasonHeader(true).build();
        try (FakeTarget target = FakeTarget.start("t1");
                TestBalancer lb = TestBalancer.start(config(twoPerSecond, listener(List.of(), forward("web")),
                        group("web", target)), FulcrumOptions.builder().eventLoops(2).ticker(ticker).build());
                RawHttpClient c = lb.connect()) {
            assertThat(c.get("/1").readResponse().status()).isEqualTo(200);
            assertThat(c.get("/2").readResponse().status()).isEqualTo(200);
            RawHttpClient.Response refused = c.get("/3").readResponse();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("ALB-QPS-Limited")).isEqualTo("Limited");
            assertThat(refused.header("X-Fulcrum-Error-Reason")).isEqualTo("QpsLimited");

            ticker.step(Duration.ofSeconds(1));
            assertThat(c.get("/4").readResponse().status()).as("a new second").isEqualTo(200);

            ExchangeRecord third = lb.log().awaitRecord(3);
            assertThat(third.errorReason()).isEqualTo("QpsLimited");
            assertThat(third.errorPhase()).hasToString("ROUTING");
            assertThat(third.target()).isNull();
            assertThat(lb.log().awaitRecord(4).elbStatus()).isEqualTo(200);
            assertThat(target.receivedCount()).isEqualTo(3);
        }
    }
}
