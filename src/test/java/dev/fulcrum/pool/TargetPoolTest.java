package dev.fulcrum.pool;

import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.group;
import static dev.fulcrum.testing.TestConfigs.listener;
import static dev.fulcrum.testing.TestConfigs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.lab.RawTarget;
import dev.fulcrum.testing.TestBalancer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Target connections go back to the pool only when clean, and leave it when idle too long. */
class TargetPoolTest {

    @Test
    void aConnectionThatCarriedAMalformedResponseIsNeverReused() {
        AtomicInteger requests = new AtomicInteger();
        try (RawTarget t = RawTarget.start(s -> {
                    String head;
                    while (!(head = RawTarget.readHead(s.getInputStream())).isEmpty()) {
                        if (requests.incrementAndGet() == 1) {
                            RawTarget.write(s, "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\nok");
                        } else {
                            RawTarget.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                        }
                    }
                });
                TestBalancer lb = TestBalancer.start(config(LoadBalancerAttributes.defaults(),
                        listener(List.of(), forward("web")), group("web", Algorithm.ROUND_ROBIN,
                                List.of(target(t.port())))));
                RawHttpClient c = lb.connect()) {
            assertThat(c.get("/bad").readResponse().status()).isEqualTo(502);
            assertThat(c.get("/good").readResponse().status()).isEqualTo(200);
            assertThat(t.connections()).isEqualTo(2);
        }
    }

    @Test
    void closesPooledConnectionsIdleLongerThanTheIdleTimeout() {
        AtomicInteger closed = new AtomicInteger();
        try (RawTarget t = RawTarget.start(s -> {
                    while (!RawTarget.readHead(s.getInputStream()).isEmpty()) {
                        RawTarget.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                    }
                    closed.incrementAndGet(); // the balancer closed its end
                });
                TestBalancer lb = TestBalancer.start(config(
                        LoadBalancerAttributes.defaults().withIdleTimeout(Duration.ofMillis(300)),
                        listener(List.of(), forward("web")), group("web", Algorithm.ROUND_ROBIN,
                                List.of(target(t.port())))))) {
            try (RawHttpClient c = lb.connect()) {
                assertThat(c.get("/").readResponse().status()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> closed.get() == 1);
        }
    }
}
