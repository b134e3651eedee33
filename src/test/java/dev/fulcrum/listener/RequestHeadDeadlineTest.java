package dev.fulcrum.listener;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code client_header_timeout}: a request head that trickles in (slowloris) is answered 408
 * {@code RequestHeaderTimeout} once its first byte is older than the timeout, however short the gaps between its
 * bytes; the idle timeout alone would serve it whenever it ends. Time is the balancer's injected ticker.
 */
class RequestHeadDeadlineTest {

    private final SteppedTicker ticker = new SteppedTicker();
    private FakeTarget target;

    @BeforeEach
    void startTarget() {
        target = FakeTarget.start("t1");
    }

    @AfterEach
    void stopTarget() {
        target.close();
    }

    private TestBalancer balancer(LoadBalancerAttributes attributes) {
        return TestBalancer.start(config(attributes, listener(List.of(), forward("web")), group("web", target)),
                FulcrumOptions.builder().eventLoops(2).ticker(ticker).build());
    }

    @Test
    void answers408WhenAHeadTrickledInForLongerThanTheTimeout() {
        // The case: a 5 s idle timeout never fires for a byte every half second; the head's deadline does.
        try (TestBalancer lb = balancer(LoadBalancerAttributes.defaults().withIdleTimeout(Duration.ofSeconds(5)));
                RawHttpClient c = accepted(lb)) {
            String head = "GET /slow HTTP/1.1\r\nHost: x.example\r\nX-Slow: " + "a".repeat(60) + "\r\n\r\n";
            int sent = 0;
            while (!c.hasInput() && sent < head.length()) {
                sendAndAwaitRead(c, head.substring(sent, sent + 1));
                sent++;
                ticker.step(Duration.ofMillis(500));
            }
            RawHttpClient.Response r = c.readResponse();
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.isClosedByPeer()).isTrue();
            ExchangeRecord record = lb.log().awaitRecord(1);
            assertThat(record.elbStatus()).isEqualTo(408);
            assertThat(record.errorReason()).isEqualTo("RequestHeaderTimeout");
            assertThat(record.method()).as("no request head was read").isNull();
            // 20 s (the default) of 500 ms steps: the 41st byte is the first one read after the deadline.
            assertThat(record.receivedBytes()).isEqualTo(41);
            assertThat(lb.log().lines().get(0)).contains(" 408 - ").contains("\"- - -\"")
                    .contains("\"RequestHeaderTimeout\"");
        }
        assertThat(target.receivedCount()).isZero();
    }

    @Test
    void servesAHeadThatEndsWithinTheTimeoutAndStartsTheNextHeadsClockAnew() {
        try (TestBalancer lb = balancer(LoadBalancerAttributes.defaults()
                .withClientHeaderTimeout(Duration.ofSeconds(10)));
                RawHttpClient c = accepted(lb)) {
            for (int request = 1; request <= 2; request++) {
                sendAndAwaitRead(c, "GET /" + request + " HTTP/1.1\r\nHost: x");
                ticker.step(Duration.ofSeconds(9)); // 9 s into this head, 18 s into the connection
                c.send(".example\r\n\r\n");
                assertThat(c.readResponse().status()).isEqualTo(200);
            }
            assertThat(lb.log().awaitRecord(2).errorReason()).isNull();
        }
    }

    @Test
    void answers408WhenTheClientGoesQuietHalfwayThroughItsHead() {
        // No further byte to look at the clock on: the deadline's own timer answers, on real time.
        try (TestBalancer lb = TestBalancer.start(config(LoadBalancerAttributes.defaults()
                        .withClientHeaderTimeout(Duration.ofMillis(300)), listener(List.of(), forward("web")),
                group("web", target)));
                RawHttpClient c = lb.connect()) {
            c.send("GET / HTTP/1.1\r\nHost: x.exa");
            RawHttpClient.Response r = c.readResponse();
            assertThat(r.status()).isEqualTo(408);
            assertThat(lb.log().awaitRecord(1).errorReason()).isEqualTo("RequestHeaderTimeout");
        }
    }

    /** A connection the balancer has accepted (the connection reads the ticker once, for its age). */
    private RawHttpClient accepted(TestBalancer lb) {
        long before = ticker.reads();
        RawHttpClient c = lb.connect();
        ticker.awaitReadAfter(before);
        return c;
    }

    /**
     * Sends {@code bytes} and waits until the balancer looked at the clock for them (between requests, the only
     * reading of the ticker is the head deadline's check when a read ends with the head incomplete), or answered.
     */
    private void sendAndAwaitRead(RawHttpClient c, String bytes) {
        long before = ticker.reads();
        c.send(bytes);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                .until(() -> ticker.reads() > before || c.hasInput());
    }
}
