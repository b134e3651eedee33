package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.forwardingTo;
import static dev.fulcrum.testing.TestConfigs.group;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.TestBalancer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What reaches a target is framed and addressed as the rules saw it: a request target with a control byte, a target
 * of no HTTP form, and a missing or doubled Host are refused with 400 and the connection closed; none reaches the
 * target.
 */
class RequestTargetAndHostTest {

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

    private ExchangeRecord refused(String request, int status, String errorReason) {
        try (RawHttpClient c = lb.connect()) {
            RawHttpClient.Response r = c.send(request).readResponse();
            assertThat(r.status()).as(request).isEqualTo(status);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.isClosedByPeer()).isTrue();
        }
        ExchangeRecord record = lb.log().awaitRecord(1);
        assertThat(record.elbStatus()).isEqualTo(status);
        assertThat(record.errorReason()).isEqualTo(errorReason);
        assertThat(record.target()).as("no target was chosen").isNull();
        assertThat(lb.log().lines().get(0)).contains(" " + status + " - ").contains("\"" + errorReason + "\"");
        assertThat(target.receivedCount()).isZero();
        return record;
    }

    /**
     * The bytes inside a target are the desync classifier's (DesyncMitigationEndToEndTest has every mode): in the
     * default mode a NUL (Severe, BadUri) is blocked; a tab or another control byte (Ambiguous) is forwarded
     * percent-encoded, so the target reads the path the rules saw, and both connections close.
     */
    @Test
    void blocksANulInTheRequestTargetInTheDefaultMode() {
        ExchangeRecord r = refused("GET /a\u0000b HTTP/1.1\r\nHost: x.example\r\n\r\n", 400, "DesyncMitigationBlocked");
        assertThat(r.uri()).isEqualTo("/a\u0000b");
        assertThat(r.classification().reason().code()).isEqualTo("BadUri");
        // The log carries the byte as received, percent-encoded: the line stays one line.
        assertThat(lb.log().lines().get(0)).contains("/a%00b").doesNotContainPattern("[\\x00-\\x1f\\x7f]")
                .contains("\"Severe\" \"BadUri\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/a\u0001b", "/a\u001fb", "/a\tb"})
    void forwardsAnotherControlByteInTheTargetPercentEncodedAndClosesBothConnections(String uri) {
        try (RawHttpClient c = lb.connect()) {
            RawHttpClient.Response r = c.send("GET " + uri + " HTTP/1.1\r\nHost: x.example\r\n\r\n").readResponse();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.isClosedByPeer()).isTrue();
        }
        String encoded = String.format("%%%02X", (int) uri.charAt(2));
        assertThat(target.take().uri()).isEqualTo("/a" + encoded + "b");
        ExchangeRecord record = lb.log().awaitRecord(1);
        assertThat(record.classification().reason().code()).isEqualTo("AmbiguousUri");
        assertThat(lb.log().lines().get(0)).contains("\"Ambiguous\" \"AmbiguousUri\"");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET ! HTTP/1.1", "PRI * HTTP/1.1", "GET * HTTP/1.1", "GET ftp://x.example/ HTTP/1.1",
            "GET x.example:80 HTTP/1.1"})
    void returns400ForARequestTargetOfNoHttpForm(String requestLine) {
        refused(requestLine + "\r\nHost: x.example\r\n\r\n", 400, "RequestMalformed");
    }

    @Test
    void forwardsTheFormsHttpAllows() {
        try (RawHttpClient c = lb.connect()) {
            assertThat(c.send("OPTIONS * HTTP/1.1\r\nHost: x.example\r\n\r\n").readResponse().status()).isEqualTo(200);
            assertThat(c.send("GET http://x.example/abs?q=1 HTTP/1.1\r\nHost: x.example\r\n\r\n").readResponse()
                    .status()).isEqualTo(200);
            assertThat(c.send("GET /caf\u00c3\u00a9 HTTP/1.1\r\nHost: x.example\r\n\r\n").readResponse().status())
                    .as("raw UTF-8 bytes, as some clients send").isEqualTo(200);
        }
        assertThat(target.take().uri()).isEqualTo("*");
        assertThat(target.take().uri()).isEqualTo("/abs?q=1");
    }

    @Test
    void returns400ForAnHttp11RequestWithoutHost() {
        ExchangeRecord r = refused("GET /no-host HTTP/1.1\r\nAccept: */*\r\n\r\n", 400, "InvalidHostHeader");
        assertThat(r.uri()).isEqualTo("/no-host");
        assertThat(r.host()).isNull();
    }

    @Test
    void returns400ForTwoHostHeadersEvenWhenTheyAgree() {
        refused("GET / HTTP/1.1\r\nHost: x.example\r\nHost: x.example\r\n\r\n", 400, "InvalidHostHeader");
    }

    @Test
    void returns400ForTwoHostHeadersOnHttp10Too() {
        refused("GET / HTTP/1.0\r\nHost: x.example\r\nHost: evil.example\r\n\r\n", 400, "InvalidHostHeader");
    }

    @ParameterizedTest(name = "Host: {0}")
    @ValueSource(strings = {"", "x.example/evil", "a b", "user@x.example", "x.example:80:80", "x.example:port",
            "[::1", "[zz]", "x.example:123456"})
    void returns400ForAHostThatIsNotHostAndPort(String host) {
        refused("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n", 400, "InvalidHostHeader");
    }

    @Test
    void forwardsHostsOfEveryValidShapeAndHttp10WithoutHost() {
        try (RawHttpClient c = lb.connect()) {
            for (String host : new String[] {"x.example", "x.example:8080", "127.0.0.1:80", "[::1]:80", "[2001:db8::1]",
                    "xn--caf-dma.example", "under_score.example"}) {
                assertThat(c.send("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n").readResponse().status())
                        .as(host).isEqualTo(200);
            }
        }
        try (RawHttpClient c = lb.connect()) {
            assertThat(c.send("GET /old HTTP/1.0\r\n\r\n").readResponse().status()).isEqualTo(200);
        }
        assertThat(lb.log().awaitRecord(8).errorReason()).isNull();
    }
}
