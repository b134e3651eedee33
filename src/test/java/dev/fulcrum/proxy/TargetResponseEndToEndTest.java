package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.group;
import static dev.fulcrum.testing.TestConfigs.listener;
import static dev.fulcrum.testing.TestConfigs.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.lab.RawTarget;
import dev.fulcrum.testing.TestBalancer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The target codec's rules as a client sees them through a real balancer: a refused response is a 502 with its
 * error_reason and the client connection stays in step; a repaired one is relayed (the rules themselves, case by
 * case: {@code pool/TargetCodecTest}).
 */
class TargetResponseEndToEndTest {

    private static TestBalancer balancerFor(RawTarget t) {
        return TestBalancer.start(config(LoadBalancerAttributes.defaults(), listener(List.of(), forward("web")),
                group("web", Algorithm.ROUND_ROBIN, List.of(target(t.port())))));
    }

    private static RawTarget targetAnswering(String response) {
        return RawTarget.start(s -> {
            while (!RawTarget.readHead(s.getInputStream()).isEmpty()) {
                RawTarget.write(s, response);
            }
        });
    }

    @Test
    void returns502WhenATargetHeaderNameHasASpaceInside() {
        try (RawTarget t = targetAnswering("HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 2\r\n\r\nok");
                TestBalancer lb = balancerFor(t);
                RawHttpClient c = lb.connect()) {
            RawHttpClient.Response r = c.get("/").readResponse();
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.header("Bad")).isNull();
            assertThat(lb.log().awaitRecord(1).errorReason()).isEqualTo("TargetResponseMalformed");
        }
    }

    /** "2" would otherwise pass for an interim response: the client got it, then a 502 for the same request. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"2", "999"})
    void returns502ForAStatusCodeThatIsNotThreeDigitsFrom100To599(String code) {
        try (RawTarget t = targetAnswering("HTTP/1.1 " + code + " Found\r\nContent-Length: 0\r\n\r\n");
                TestBalancer lb = balancerFor(t);
                RawHttpClient c = lb.connect()) {
            RawHttpClient.Response r = c.get("/").readResponse();
            assertThat(r.status()).isEqualTo(502);
            assertThat(lb.log().awaitRecord(1).errorReason()).isEqualTo("TargetResponseMalformed");
            assertThat(c.get("/").readResponse().status()).as("the client connection is in sync").isEqualTo(502);
        }
    }

    @Test
    void removesWhitespaceBetweenATargetHeaderNameAndItsColon() {
        try (RawTarget t = targetAnswering("HTTP/1.1 200 OK\r\nX-Name \t: v\r\nContent-Length: 2\r\n\r\nok");
                TestBalancer lb = balancerFor(t);
                RawHttpClient c = lb.connect()) {
            RawHttpClient.Response r = c.get("/").readResponse();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("X-Name")).isEqualTo("v");
            assertThat(r.bodyText()).isEqualTo("ok");
        }
    }

    @Test
    void aHeadResponseHasNoBodyAndTheTargetConnectionServesTheNextRequest() {
        try (RawTarget t = RawTarget.start(s -> {
                    String head;
                    while (!(head = RawTarget.readHead(s.getInputStream())).isEmpty()) {
                        // A HEAD response announces the GET's length and sends no body.
                        RawTarget.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n"
                                + (head.startsWith("HEAD") ? "" : "hello"));
                    }
                });
                TestBalancer lb = balancerFor(t);
                RawHttpClient c = lb.connect()) {
            RawHttpClient.Response head = c.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n").readResponse(true);
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo("5");
            assertThat(c.get("/next").readResponse().bodyText()).isEqualTo("hello");
            assertThat(t.connections()).isEqualTo(1);
        }
    }
}
