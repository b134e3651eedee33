package dev.fulcrum.lab;

import static dev.fulcrum.lab.Scenario.AfterResponse.CLOSED;
import static dev.fulcrum.lab.Scenario.AfterResponse.KEPT;

import dev.fulcrum.config.DesyncMitigationMode;
import dev.fulcrum.config.ProtocolVersion;
import dev.fulcrum.core.LbError;
import dev.fulcrum.desync.Reason;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Desync mitigation, a case per tier and mode: what the classification is, whether the request reaches the target
 * (and as what), and what becomes of the client and target connections.
 */
final class DesyncScenarios {

    private DesyncScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                new Scenario("200-desync-acceptable-forwarded", null, 200, Reason.SPACE_IN_URI,
                        "Defensive mode (the default): the client sends GET /a b with a space in the target"
                                + " (Acceptable): forwarded, the space percent-encoded, the connection kept.", KEPT,
                        b -> forwarded(b, DesyncMitigationMode.DEFENSIVE, "GET /a b HTTP/1.1\r\nHost: lab.example\r\n\r\n",
                                "GET /a%20b HTTP/1.1", false)),
                new Scenario("200-desync-ambiguous-closes-both", null, 200, Reason.BOTH_TE_CL_PRESENT,
                        "Defensive mode: the client sends Content-Length and Transfer-Encoding: chunked (Ambiguous):"
                                + " forwarded chunked only, then the client and the target connection are closed.",
                        CLOSED,
                        b -> forwarded(b, DesyncMitigationMode.DEFENSIVE, "POST / HTTP/1.1\r\nHost: lab.example\r\n"
                                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                                "POST / HTTP/1.1", true)),
                new Scenario("400-desync-severe-blocked", LbError.DESYNC_MITIGATION_BLOCKED, 400, Reason.BAD_URI,
                        "Defensive mode: the client sends a raw NUL in the target (Severe): blocked, never forwarded.",
                        CLOSED,
                        b -> blocked(b, DesyncMitigationMode.DEFENSIVE, "GET /a\u0000b HTTP/1.1\r\nHost: lab.example\r\n\r\n")),
                new Scenario("400-desync-strictest-blocks-acceptable", LbError.DESYNC_MITIGATION_BLOCKED, 400,
                        Reason.SPACE_IN_URI,
                        "Strictest mode: the same space in the target (Acceptable) is blocked.", CLOSED,
                        b -> blocked(b, DesyncMitigationMode.STRICTEST, "GET /a b HTTP/1.1\r\nHost: lab.example\r\n\r\n")),
                new Scenario("200-desync-monitor-forwards-severe", null, 200, Reason.BAD_URI,
                        "Monitor mode: the raw NUL in the target (Severe) is only logged: forwarded as /a%00b, the"
                                + " byte percent-encoded, so the target reads the path the rules saw.", KEPT,
                        b -> forwarded(b, DesyncMitigationMode.MONITOR, "GET /a\u0000b HTTP/1.1\r\nHost: lab.example\r\n\r\n",
                                "GET /a%00b HTTP/1.1", false)));
    }

    /**
     * Sends {@code raw} through a balancer in {@code mode} to a target that records the request line it got, reads
     * the body, answers 200 and (when {@code targetClosed}) waits for the balancer to close its connection.
     */
    private static RawHttpClient.Response forwarded(LabBench b, DesyncMitigationMode mode, String raw,
            String expectedLine, boolean targetClosed) throws InterruptedException {
        AtomicReference<String> line = new AtomicReference<>();
        CountDownLatch closed = new CountDownLatch(1);
        int port = b.target(s -> {
            String head = RawTarget.readHead(s.getInputStream());
            line.set(head.substring(0, head.indexOf("\r\n")));
            RawTarget.readBody(s.getInputStream(), head);
            RawTarget.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            RawTarget.awaitClose(s);
            closed.countDown();
        });
        b.balancer(LabBench.attributes(0, 0).withDesyncMitigationMode(mode),
                LabBench.group("lab-targets", ProtocolVersion.HTTP1, port), List.of());
        RawHttpClient.Response r = b.client().send(raw).readResponse();
        if (!expectedLine.equals(line.get())) {
            throw new AssertionError("the target got " + line.get() + ", expected " + expectedLine);
        }
        if (targetClosed && !closed.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the balancer kept the target connection");
        }
        return r;
    }

    /** Sends {@code raw} through a balancer in {@code mode}; the target must never see a request. */
    private static RawHttpClient.Response blocked(LabBench b, DesyncMitigationMode mode, String raw) {
        AtomicReference<String> seen = new AtomicReference<>();
        int port = b.target(s -> seen.set(RawTarget.readHead(s.getInputStream())));
        b.balancer(LabBench.attributes(0, 0).withDesyncMitigationMode(mode),
                LabBench.group("lab-targets", ProtocolVersion.HTTP1, port), List.of());
        RawHttpClient.Response r = b.client().send(raw).readResponse();
        if (seen.get() != null && !seen.get().isEmpty()) {
            throw new AssertionError("the target got a request: " + seen.get());
        }
        return r;
    }
}
