package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.listener;
import static dev.fulcrum.testing.TestConfigs.target;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.FulcrumOptions;
import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.DesyncMitigationMode;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.lab.RawTarget;
import dev.fulcrum.testing.TestBalancer;
import dev.fulcrum.testing.TestConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The smuggling attempts of the literature, each pipelined with a request behind it, in every desync mitigation
 * mode: a strict target on loopback reads every byte it gets as RFC 9112 frames it, and must never see a request
 * that was not sent as a request of its own (here, any request for {@code /smuggled}). Whatever the mode forwards, it
 * forwards as Fulcrum read it.
 */
class RequestSmugglingTest {

    private static final String SMUGGLED = "GET /smuggled HTTP/1.1\r\nHost: x.example\r\n\r\n";
    private static final String NEXT = "GET /next HTTP/1.1\r\nHost: x.example\r\n\r\n";
    private static final String HEAD = "POST /a HTTP/1.1\r\nHost: x.example\r\n";

    static List<String> attacks() {
        String chunk = Integer.toHexString(SMUGGLED.length()) + "\r\n" + SMUGGLED + "\r\n0\r\n\r\n";
        String zeroThenSmuggled = "0\r\n\r\n" + SMUGGLED;
        return List.of(
                // CL.TE: a front-end that reads Content-Length forwards the smuggled request inside the body.
                HEAD + "Content-Length: " + zeroThenSmuggled.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + zeroThenSmuggled,
                // TE.CL: a back-end that reads Content-Length takes the chunk's data for a request.
                HEAD + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk,
                // TE.TE: one of two engines ignores the obfuscated Transfer-Encoding.
                HEAD + "Transfer-Encoding: chunked\r\nTransfer-Encoding: x\r\n\r\n" + chunk,
                HEAD + "Content-Length: " + zeroThenSmuggled.length() + "\r\nTransfer-Encoding : chunked\r\n\r\n"
                        + zeroThenSmuggled,
                HEAD + "Content-Length: " + zeroThenSmuggled.length() + "\r\nTransfer_Encoding: chunked\r\n\r\n"
                        + zeroThenSmuggled,
                HEAD + "Content-Length: " + zeroThenSmuggled.length() + "\r\nTransfer-Encoding: xchunked\r\n\r\n"
                        + zeroThenSmuggled,
                HEAD + "Content-Length: " + zeroThenSmuggled.length() + "\r\nTransfer-Encoding:\u000bchunked\r\n\r\n"
                        + zeroThenSmuggled,
                HEAD + "Content-Length: " + zeroThenSmuggled.length() + "\r\nX-Pad: a\r\n Transfer-Encoding: chunked\r\n\r\n"
                        + zeroThenSmuggled,
                HEAD + "Content-Length: " + zeroThenSmuggled.length() + "\r\nTransfer-Encoding: chunked\u0000\r\n\r\n"
                        + zeroThenSmuggled,
                HEAD + "Content-Length: " + zeroThenSmuggled.length() + "\r\nTr\u0131nsfer-Encoding: chunked\r\n\r\n"
                        + zeroThenSmuggled,
                // Duplicate or odd lengths: which one frames?
                HEAD + "Content-Length: 0\r\nContent-Length: " + SMUGGLED.length() + "\r\n\r\n" + SMUGGLED,
                HEAD + "Content-Length: 0, " + SMUGGLED.length() + "\r\n\r\n" + SMUGGLED,
                HEAD + "Content-Length: +" + SMUGGLED.length() + "\r\n\r\n" + SMUGGLED,
                HEAD + "Content-Length: " + SMUGGLED.length() + "\r\nContent-Length : 0\r\n\r\n" + SMUGGLED,
                // A body on a GET, and chunk sizes two parsers could read apart.
                "GET /a HTTP/1.1\r\nHost: x.example\r\nContent-Length: " + SMUGGLED.length() + "\r\n\r\n" + SMUGGLED,
                HEAD + "Transfer-Encoding: chunked\r\n\r\n0x" + Integer.toHexString(SMUGGLED.length()) + "\r\n" + SMUGGLED
                        + "\r\n0\r\n\r\n",
                HEAD + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(SMUGGLED.length()) + ";\u0000\r\n"
                        + SMUGGLED + "\r\n0\r\n\r\n",
                // Line ends: a bare CR, and a bare LF inside a header.
                HEAD + "Content-Length: " + zeroThenSmuggled.length() + "\rTransfer-Encoding: chunked\r\n\r\n"
                        + zeroThenSmuggled,
                HEAD + "X-A: b\nTransfer-Encoding: chunked\r\nContent-Length: " + zeroThenSmuggled.length()
                        + "\r\n\r\n" + zeroThenSmuggled);
    }

    static Stream<Arguments> attacksInEveryMode() {
        List<Arguments> all = new ArrayList<>();
        for (DesyncMitigationMode mode : DesyncMitigationMode.values()) {
            List<String> attacks = attacks();
            for (int i = 0; i < attacks.size(); i++) {
                all.add(Arguments.of(mode, i, attacks.get(i)));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("attacksInEveryMode")
    void theTargetNeverSeesARequestItWasNotSent(DesyncMitigationMode mode, int attack, String raw) {
        DesyncMitigationEndToEndTest.Target target = new DesyncMitigationEndToEndTest.Target();
        try (RawTarget t = RawTarget.start(target::serve);
                TestBalancer lb = TestBalancer.start(config(LoadBalancerAttributes.defaults().toBuilder()
                                .desyncMitigationMode(mode).build(), listener(List.of(), forward("web")),
                        TestConfigs.group("web", Algorithm.ROUND_ROBIN, List.of(target(t.port())))),
                        FulcrumOptions.builder().eventLoops(1).drainTimeout(Duration.ofSeconds(5)).build());
                RawHttpClient client = lb.connect()) {
            client.send(raw + NEXT);
            int answered = 0;
            while (answered < 2) {
                try {
                    client.readResponse();
                    answered++;
                } catch (AssertionError closed) {
                    break; // the balancer closed the connection: no further response
                }
            }
            lb.log().awaitRecord(Math.max(1, answered));
        }
        // The balancer has stopped: whatever reached the target has been read.
        assertThat(target.unsafe).as("what a strict target could not read as Fulcrum did").isEmpty();
        assertThat(target.lines).as("what the target read").allSatisfy(line ->
                assertThat(line).isIn(Set.of("POST /a HTTP/1.1", "GET /a HTTP/1.1", "GET /next HTTP/1.1")));
    }
}
