package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.forwardingTo;
import static dev.fulcrum.testing.TestConfigs.group;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.FulcrumOptions;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.SteppedTicker;
import dev.fulcrum.testing.TestConfigs;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.testing.TestBalancer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keep-alive on both sides, pipelining, chunked bodies, and clients that leave at bad moments. */
class ConnectionsTest {

    private FakeTarget target;
    private TestBalancer lb;

    @BeforeEach
    void start() {
        target = FakeTarget.start("t1");
        lb = TestBalancer.start(forwardingTo(group("web", target)));
    }

    @AfterEach
    void stop() {
        lb.close();
        target.close();
    }

    @Test
    void reusesOneTargetConnectionForSequentialRequests() {
        try (RawHttpClient c = lb.connect()) {
            for (int i = 0; i < 10; i++) {
                assertThat(c.get("/" + i).readResponse().status()).isEqualTo(200);
            }
        }
        assertThat(target.connections()).isEqualTo(1);
    }

    @Test
    void reusesPooledTargetConnectionsAcrossClientConnections() {
        for (int i = 0; i < 10; i++) {
            try (RawHttpClient c = lb.connect()) {
                assertThat(c.get("/" + i).readResponse().status()).isEqualTo(200);
            }
            // The exchange is logged after its target connection went back to the pool; the client may read the
            // response before that, and its next connection may land on that loop.
            lb.log().awaitRecord(i + 1);
        }
        // One pool per event loop: at most one connection per loop for sequential traffic.
        assertThat(target.connections()).isBetween(1, 2);
    }

    @Test
    void closesAClientConnectionOlderThanClientKeepAliveAfterItsNextResponse() {
        var shortLived = LoadBalancerAttributes.defaults().withClientKeepAlive(Duration.ofSeconds(60));
        SteppedTicker ticker = new SteppedTicker();
        try (TestBalancer old = TestBalancer.start(TestConfigs.config(shortLived,
                TestConfigs.listener(List.of(), TestConfigs.forward("web")), group("web", target)),
                FulcrumOptions.builder().eventLoops(2).ticker(ticker).build());
                RawHttpClient c = old.connect()) {
            RawHttpClient.Response first = c.get("/1").readResponse();
            assertThat(first.header("Connection")).isNull();
            ticker.step(Duration.ofSeconds(59));
            assertThat(c.get("/2").readResponse().header("Connection")).as("59 s old").isNull();
            ticker.step(Duration.ofSeconds(1));
            RawHttpClient.Response third = c.get("/3").readResponse();
            assertThat(third.status()).isEqualTo(200);
            assertThat(third.header("Connection")).isEqualTo("close");
            assertThat(c.isClosedByPeer()).isTrue();
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() {
        target.behave((req, ctx) -> FakeTarget.text(200, "answer to " + req.uri()).respond(req, ctx));
        try (RawHttpClient c = lb.connect()) {
            c.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                    + "GET /c HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(c.readResponse().bodyText()).isEqualTo("answer to /a");
            assertThat(c.readResponse().bodyText()).isEqualTo("answer to /b");
            assertThat(c.readResponse().bodyText()).isEqualTo("answer to /c");
        }
        assertThat(List.of(target.take().uri(), target.take().uri(), target.take().uri()))
                .containsExactly("/a", "/b", "/c");
        assertThat(lb.log().awaitRecord(3).uri()).isEqualTo("/c");
    }

    @Test
    void answersManyPipelinedRequestsEvenWhenReadingMustPause() {
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            burst.append("GET /").append(i).append(" HTTP/1.1\r\nHost: x\r\n\r\n");
        }
        try (RawHttpClient c = lb.connect()) {
            c.send(burst.toString());
            for (int i = 0; i < 200; i++) {
                assertThat(c.readResponse().status()).isEqualTo(200);
            }
        }
        assertThat(lb.log().awaitRecord(200).uri()).isEqualTo("/199");
    }

    @Test
    void streamsAChunkedRequestBodyToTheTarget() {
        try (RawHttpClient c = lb.connect()) {
            c.send("POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n" + "6\r\n world\r\n" + "0\r\n\r\n");
            assertThat(c.readResponse().status()).isEqualTo(200);
        }
        FakeTarget.Received req = target.take();
        assertThat(req.body()).isEqualTo("hello world");
        assertThat(req.header("Transfer-Encoding")).isEqualTo("chunked");
    }

    @Test
    void streamsAChunkedResponseToTheClient() {
        target.behave(FakeTarget.chunked(List.of("one ", "two ", "three")));
        try (RawHttpClient c = lb.connect()) {
            RawHttpClient.Response r = c.get("/").readResponse();
            assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(r.bodyText()).isEqualTo("one two three");
            // and the connection is still usable
            assertThat(c.get("/again").readResponse().status()).isEqualTo(200);
        }
    }

    @Test
    void sendsAChunkedResponseToAnHttp10ClientUnchunkedAndCloses() {
        target.behave(FakeTarget.chunked(List.of("one ", "two")));
        try (RawHttpClient c = lb.connect()) {
            RawHttpClient.Response r = c.send("GET / HTTP/1.0\r\nHost: x\r\n\r\n").readResponse();
            assertThat(r.header("Transfer-Encoding")).isNull();
            assertThat(r.bodyText()).isEqualTo("one two");
        }
    }

    @Test
    void answersHeadWithoutABody() {
        try (RawHttpClient c = lb.connect()) {
            RawHttpClient.Response r = c.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse(true);
            assertThat(r.status()).isEqualTo(200);
            assertThat(c.get("/next").readResponse().bodyText()).isEqualTo("t1");
        }
    }

    @Test
    void survivesAClientThatDisconnectsMidRequest() {
        try (RawHttpClient c = lb.connect()) {
            c.send("POST /up HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\npartial");
        }
        lb.log().awaitRecord(1);
        try (RawHttpClient c = lb.connect()) {
            assertThat(c.get("/after").readResponse().status()).isEqualTo(200);
        }
    }

    @Test
    void survivesAClientThatDisconnectsMidResponse() {
        target.behave(FakeTarget.download(50L * 1024 * 1024));
        try (RawHttpClient c = lb.connect()) {
            c.get("/big");
            c.socket().getInputStream().readNBytes(100_000);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        lb.log().awaitRecord(1);
        target.behave(FakeTarget.text(200, "fine"));
        try (RawHttpClient c = lb.connect()) {
            assertThat(c.get("/after").readResponse().bodyText()).isEqualTo("fine");
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> lb.fulcrum().openConnections() == 0);
    }
}
