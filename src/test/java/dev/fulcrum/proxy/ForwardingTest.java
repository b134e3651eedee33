package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.group;
import static dev.fulcrum.testing.TestConfigs.listener;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.config.XffMode;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.testing.LoadBalancerExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ForwardingTest {

    @RegisterExtension
    final LoadBalancerExtension lb = LoadBalancerExtension.create();
    private FakeTarget target;

    @BeforeEach
    void startTarget() {
        target = lb.keep(FakeTarget.start("t1"));
    }

    private void balancer(LoadBalancerAttributes attributes) {
        lb.start(config(attributes, listener(List.of(), forward("web")), group("web", target)));
    }

    @Test
    void forwardsARequestAndReturnsTheTargetsResponse() {
        balancer(LoadBalancerAttributes.defaults());
        long sent = System.nanoTime();
        long waited;
        try (RawHttpClient c = lb.connect()) {
            RawHttpClient.Response r = c.get("/hello?x=1", "User-Agent: test-agent").readResponse();
            waited = System.nanoTime() - sent;
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.bodyText()).isEqualTo("t1");
        }
        FakeTarget.Received req = target.take();
        assertThat(req.method()).isEqualTo("GET");
        assertThat(req.uri()).isEqualTo("/hello?x=1");
        assertThat(req.protocol()).isEqualTo("HTTP/1.1");

        ExchangeRecord rec = lb.log().awaitRecord(1);
        assertThat(rec.elbStatus()).isEqualTo(200);
        assertThat(rec.targetStatus()).isEqualTo(200);
        assertThat(rec.target()).isEqualTo("127.0.0.1:" + target.port());
        assertThat(rec.error()).isNull();
        assertThat(rec.matchedRulePriority()).isZero();
        assertThat(rec.actionsExecuted()).containsExactly("forward");
        assertThat(rec.userAgent()).isEqualTo("test-agent");
        assertThat(rec.targetGroupArn())
                .matches("arn:aws:elasticloadbalancing:local:000000000000:targetgroup/web/[0-9a-f]{16}");
        assertThat(rec.connTraceId()).matches("TID_[0-9a-f]{32}");
        // Every phase was reached (one not reached is -1) and timed within the time the client waited for it all.
        List<Long> phases = List.of(rec.requestProcessingNanos(), rec.targetProcessingNanos(),
                rec.responseProcessingNanos());
        assertThat(phases).doesNotContain(ExchangeRecord.NOT_REACHED)
                .allSatisfy(t -> assertThat(t).isBetween(0L, waited));
        assertThat(phases.stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(waited);
        assertThat(rec.receivedBytes()).isPositive();
        assertThat(rec.sentBytes()).isPositive();
    }

    @Test
    void passesATargetsOwnErrorStatusThroughUntouchedAndNeverAsABalancerError() {
        target.behave(FakeTarget.text(502, "target says bad gateway"));
        balancer(LoadBalancerAttributes.defaults().withErrorReasonHeader(true));
        try (RawHttpClient c = lb.connect()) {
            RawHttpClient.Response r = c.get("/").readResponse();
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.bodyText()).isEqualTo("target says bad gateway");
            assertThat(r.header("X-Fulcrum-Error-Reason")).isNull();
            // the connection stays usable: the target's status says nothing about the stream
            assertThat(c.get("/again").readResponse().status()).isEqualTo(502);
        }
        ExchangeRecord rec = lb.log().awaitRecord(1);
        assertThat(rec.elbStatus()).isEqualTo(502);
        assertThat(rec.targetStatus()).isEqualTo(502);
        assertThat(rec.error()).isNull();
    }

    @Test
    void addsForwardedHeadersAndATraceIdAsAlbDoes() {
        balancer(LoadBalancerAttributes.defaults());
        try (RawHttpClient c = lb.connect()) {
            c.get("/").readResponse();
        }
        FakeTarget.Received req = target.take();
        assertThat(req.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(req.header("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(req.header("X-Forwarded-Port")).isEqualTo(Integer.toString(lb.port()));
        assertThat(req.header("X-Amzn-Trace-Id")).matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}");
        assertThat(lb.log().awaitRecord(1).traceId()).isEqualTo(req.header("X-Amzn-Trace-Id"));
    }

    @Test
    void putsSelfInFrontOfAClientsTraceRootAndKeepsItsOtherFields() {
        balancer(LoadBalancerAttributes.defaults());
        try (RawHttpClient c = lb.connect()) {
            c.get("/", "X-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678;CalledFrom=app").readResponse();
        }
        assertThat(target.take().header("X-Amzn-Trace-Id")).matches(
                "Self=1-[0-9a-f]{8}-[0-9a-f]{24};Root=1-67891233-abcdef012345678912345678;CalledFrom=app");
    }

    @Test
    void dropsHeadersWithInvalidNamesOnlyWhenAskedTo() {
        String[] sent = {"X_Forwarded_For: 10.9.9.9", "X.Dot: 1", "+agent: world", "X-Fine-1: ok"};
        balancer(LoadBalancerAttributes.defaults());
        try (RawHttpClient c = lb.connect()) {
            c.get("/", sent).readResponse();
        }
        FakeTarget.Received kept = target.take();
        assertThat(kept.header("X_Forwarded_For")).isEqualTo("10.9.9.9");
        assertThat(kept.header("X.Dot")).isEqualTo("1");
        assertThat(kept.header("+agent")).isEqualTo("world");
        lb.fulcrum().close();

        balancer(LoadBalancerAttributes.defaults().withDropInvalidHeaderFields(true));
        try (RawHttpClient c = lb.connect()) {
            assertThat(c.get("/", sent).readResponse().status()).isEqualTo(200);
        }
        FakeTarget.Received dropped = target.take();
        assertThat(dropped.header("X_Forwarded_For")).isNull();
        assertThat(dropped.header("X.Dot")).isNull();
        assertThat(dropped.header("+agent")).isNull(); // AWS's own example
        assertThat(dropped.header("X-Fine-1")).isEqualTo("ok");
        assertThat(dropped.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
        assertThat(lb.log().awaitRecord(2).headerFieldsDropped()).as("the second balancer's").isEqualTo(3);
        assertThat(lb.fulcrum().metrics().registry().find("Fulcrum_InvalidHeaderFieldsDropped_Count").counter()
                .count()).as("counted").isEqualTo(3);
    }

    @Test
    void replacesAnExistingSelfField() {
        balancer(LoadBalancerAttributes.defaults());
        try (RawHttpClient c = lb.connect()) {
            c.get("/", "X-Amzn-Trace-Id: Self=1-11111111-222222222222222222222222;Root=1-67891233-abcdef012345678912345678")
                    .readResponse();
        }
        String value = target.take().header("X-Amzn-Trace-Id");
        assertThat(value).matches("Self=1-[0-9a-f]{8}-[0-9a-f]{24};Root=1-67891233-abcdef012345678912345678");
        assertThat(value).doesNotContain("222222222222222222222222");
    }

    @Test
    void appendsTheClientToAnExistingXForwardedFor() {
        balancer(LoadBalancerAttributes.defaults());
        try (RawHttpClient c = lb.connect()) {
            c.get("/", "X-Forwarded-For: 203.0.113.7, 198.51.100.1").readResponse();
        }
        assertThat(target.take().header("X-Forwarded-For")).isEqualTo("203.0.113.7, 198.51.100.1, 127.0.0.1");
    }

    @Test
    void appendsTheClientPortWhenXffClientPortIsEnabled() {
        balancer(LoadBalancerAttributes.defaults().withXff(XffMode.APPEND, true));
        try (RawHttpClient c = lb.connect()) {
            c.get("/").readResponse();
            int clientPort = c.socket().getLocalPort();
            assertThat(target.take().header("X-Forwarded-For")).isEqualTo("127.0.0.1:" + clientPort);
        }
    }

    @Test
    void preserveModeSendsXForwardedForUnchangedAndAbsentStaysAbsent() {
        balancer(LoadBalancerAttributes.defaults().withXff(XffMode.PRESERVE, true));
        try (RawHttpClient c = lb.connect()) {
            c.get("/", "X-Forwarded-For: 203.0.113.7").readResponse();
            c.get("/").readResponse();
        }
        assertThat(target.take().header("X-Forwarded-For")).isEqualTo("203.0.113.7");
        assertThat(target.take().header("X-Forwarded-For")).isNull();
    }

    @Test
    void removeModeStripsXForwardedFor() {
        balancer(LoadBalancerAttributes.defaults().withXff(XffMode.REMOVE, false));
        try (RawHttpClient c = lb.connect()) {
            c.get("/", "X-Forwarded-For: 203.0.113.7").readResponse();
        }
        assertThat(target.take().header("X-Forwarded-For")).isNull();
    }

    @Test
    void removesHopByHopHeadersAndTheHeadersConnectionNames() {
        balancer(LoadBalancerAttributes.defaults());
        try (RawHttpClient c = lb.connect()) {
            c.get("/", "Connection: keep-alive, X-Secret-Hop", "X-Secret-Hop: 1", "Keep-Alive: timeout=5",
                    "Proxy-Connection: keep-alive", "TE: trailers", "Trailer: X-Checksum", "Upgrade: h2c",
                    "X-End-To-End: kept").readResponse();
        }
        FakeTarget.Received req = target.take();
        for (String hop : List.of("Connection", "X-Secret-Hop", "Keep-Alive", "Proxy-Connection", "TE", "Trailer",
                "Upgrade")) {
            assertThat(req.header(hop)).as(hop).isNull();
        }
        assertThat(req.header("X-End-To-End")).isEqualTo("kept");
    }

    @Test
    void aConnectionHeaderCannotRemoveFramingOrHost() {
        balancer(LoadBalancerAttributes.defaults());
        try (RawHttpClient c = lb.connect()) {
            c.send("POST /p HTTP/1.1\r\nHost: a.example\r\nConnection: Content-Length, Host\r\n"
                    + "Content-Length: 5\r\n\r\nhello").readResponse();
        }
        FakeTarget.Received req = target.take();
        assertThat(req.body()).isEqualTo("hello");
        assertThat(req.header("Host")).isEqualTo("a.example:" + lb.port());
    }

    @Test
    void addsTheListenerPortToHostWhenTheListenerPortIsNotTheDefault() {
        balancer(LoadBalancerAttributes.defaults());
        try (RawHttpClient c = lb.connect()) {
            c.send("GET / HTTP/1.1\r\nHost: shop.example\r\n\r\n").readResponse();
            c.send("GET / HTTP/1.1\r\nHost: shop.example:1234\r\n\r\n").readResponse();
        }
        assertThat(target.take().header("Host")).isEqualTo("shop.example:" + lb.port());
        assertThat(target.take().header("Host")).isEqualTo("shop.example:1234");
    }

    @Test
    void preservesHostUnchangedWhenPreserveHostHeaderIsEnabled() {
        balancer(LoadBalancerAttributes.defaults().withPreserveHostHeader(true));
        try (RawHttpClient c = lb.connect()) {
            c.send("GET / HTTP/1.1\r\nHost: shop.example\r\n\r\n").readResponse();
        }
        assertThat(target.take().header("Host")).isEqualTo("shop.example");
    }

    @Test
    void sendsAnAbsoluteFormRequestInOriginFormWithTheUriHost() {
        balancer(LoadBalancerAttributes.defaults());
        try (RawHttpClient c = lb.connect()) {
            c.send("GET http://abs.example/x/y?z=1 HTTP/1.1\r\nHost: ignored.example\r\n\r\n").readResponse();
        }
        FakeTarget.Received req = target.take();
        assertThat(req.uri()).isEqualTo("/x/y?z=1");
        assertThat(req.header("Host")).isEqualTo("abs.example:" + lb.port());
    }

    @Test
    void speaksHttp11ToTheTargetForAnHttp10ClientAndClosesAfterTheResponse() {
        balancer(LoadBalancerAttributes.defaults());
        try (RawHttpClient c = lb.connect()) {
            RawHttpClient.Response r = c.send("GET /old HTTP/1.0\r\nHost: a.example\r\n\r\n").readResponse();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.isClosedByPeer()).isTrue();
        }
        assertThat(target.take().protocol()).isEqualTo("HTTP/1.1");
    }

    @Test
    void keepsAnHttp10ClientThatAsksForKeepAlive() {
        balancer(LoadBalancerAttributes.defaults());
        try (RawHttpClient c = lb.connect()) {
            String req = "GET / HTTP/1.0\r\nHost: a.example\r\nConnection: keep-alive\r\n\r\n";
            RawHttpClient.Response first = c.send(req).readResponse();
            assertThat(first.header("Connection")).isEqualTo("keep-alive");
            assertThat(c.send(req).readResponse().status()).isEqualTo(200);
        }
    }

    @Test
    void removesHopByHopHeadersFromTheResponse() {
        target.behave((req, ctx) -> {
            var res = new io.netty.handler.codec.http.DefaultFullHttpResponse(
                    io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
                    io.netty.handler.codec.http.HttpResponseStatus.OK);
            res.headers().set("Content-Length", "0").set("Keep-Alive", "timeout=5").set("X-App", "yes")
                    .set("Connection", "X-Private").set("X-Private", "secret");
            ctx.writeAndFlush(res);
        });
        balancer(LoadBalancerAttributes.defaults());
        try (RawHttpClient c = lb.connect()) {
            RawHttpClient.Response r = c.get("/").readResponse();
            assertThat(r.header("Keep-Alive")).isNull();
            assertThat(r.header("X-Private")).isNull();
            assertThat(r.header("X-App")).isEqualTo("yes");
        }
    }
}
