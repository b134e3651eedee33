package dev.fulcrum.listener;

import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.group;
import static dev.fulcrum.testing.TestConfigs.listener;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.testing.AdminPages;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.TestBalancer;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code client_connections.max_per_listener}: a connection over the maximum is closed at once, unread, and counted
 * in RejectedConnectionCount; the open ones are served as before, and a place that frees up is taken again.
 */
class ConnectionLimitTest {

    @Test
    void closesAConnectionOverTheMaximumAtOnceAndCountsItAsRejected() {
        try (FakeTarget target = FakeTarget.start("t1");
                TestBalancer lb = TestBalancer.start(config(LoadBalancerAttributes.defaults().withMaxClientConnections(2),
                        listener(List.of(), forward("web")), group("web", target)));
                RawHttpClient first = lb.connect();
                RawHttpClient second = lb.connect()) {
            assertThat(first.get("/1").readResponse().status()).isEqualTo(200);
            assertThat(second.get("/2").readResponse().status()).isEqualTo(200);

            try (RawHttpClient third = lb.connect()) {
                assertThat(third.isClosedByPeer()).as("closed before it sent anything").isTrue();
            }
            AdminPages.awaitSample(lb, "RejectedConnectionCount_total", "load_balancer", 1);
            assertThat(lb.log().size()).as("a rejected connection has no request to log").isEqualTo(2);
            assertThat(first.get("/again").readResponse().status()).as("the open ones are served").isEqualTo(200);

            second.close();
            // The freed place is taken by the next connection (the close reaches the balancer a moment later).
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (RawHttpClient next = lb.connect()) {
                    return next.get("/next").readResponse().status() == 200;
                } catch (AssertionError | RuntimeException closed) {
                    return false;
                }
            });
        }
    }

    @Test
    void derivesTheDefaultFromTheDescriptorLimit() {
        assertThat(ConnectionLimit.derived(1_048_576, 1)).isEqualTo((1_048_576 - 256) / 2);
        assertThat(ConnectionLimit.derived(1_048_576, 4)).isEqualTo((1_048_576 - 256) / 2 / 4);
        assertThat(ConnectionLimit.derived(1024, 1)).isEqualTo(384);
        assertThat(ConnectionLimit.derived(300, 2)).as("never below the floor").isEqualTo(ConnectionLimit.MIN_DERIVED);
        assertThat(ConnectionLimit.of(LoadBalancerAttributes.defaults(), 1234)).isEqualTo(1234);
        assertThat(ConnectionLimit.of(LoadBalancerAttributes.defaults().withMaxClientConnections(7), 1234)).isEqualTo(7);
        assertThat(ConnectionLimit.descriptorLimit()).isPositive();
    }
}
