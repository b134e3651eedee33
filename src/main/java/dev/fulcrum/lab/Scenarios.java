package dev.fulcrum.lab;

import static dev.fulcrum.lab.Scenario.AfterResponse.CLIENT_LEFT;
import static dev.fulcrum.lab.Scenario.AfterResponse.CLOSED;
import static dev.fulcrum.lab.Scenario.AfterResponse.KEPT;

import dev.fulcrum.config.ActionConfig;
import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.ConditionConfig;
import dev.fulcrum.config.DesyncMitigationMode;
import dev.fulcrum.config.ProtocolVersion;
import dev.fulcrum.config.RuleConfig;
import dev.fulcrum.config.TargetConfig;
import dev.fulcrum.config.TargetGroupAttributes;
import dev.fulcrum.core.LbError;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Every condition of the troubleshooting guides where the balancer answers itself, as a playable scenario. */
public final class Scenarios {

    private static final String GET = "GET / HTTP/1.1\r\nHost: lab.example\r\n\r\n";

    private Scenarios() {
    }

    public static List<Scenario> all() {
        List<Scenario> all = new java.util.ArrayList<>(catalog());
        all.addAll(DesyncScenarios.all());
        all.addAll(TlsScenarios.all());
        return List.copyOf(all);
    }

    /** A scenario for every entry of the catalog. */
    private static List<Scenario> catalog() {
        return List.of(
                // ---- 400
                new Scenario("400-malformed-request-line", LbError.REQUEST_MALFORMED,
                        "The client sends a request line that is not METHOD URI VERSION.", CLOSED,
                        b -> send(b, b.healthyTarget(), "GARBAGE\r\n\r\n")),
                new Scenario("400-malformed-request-target", LbError.REQUEST_MALFORMED,
                        "The client sends GET ! HTTP/1.1: a request target that is neither /path, an http(s) URL nor *.",
                        CLOSED,
                        b -> send(b, b.healthyTarget(), "GET ! HTTP/1.1\r\nHost: lab.example\r\n\r\n")),
                new Scenario("400-malformed-chunk", LbError.REQUEST_MALFORMED,
                        "The client sends a chunked body whose chunk size is not hexadecimal.", CLOSED,
                        b -> send(b, b.healthyTarget(), "POST / HTTP/1.1\r\nHost: lab.example\r\n"
                                + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n")),
                new Scenario("400-missing-host", LbError.INVALID_HOST_HEADER,
                        "The client sends an HTTP/1.1 request without a Host header (RFC 9112 requires one).", CLOSED,
                        b -> send(b, b.healthyTarget(), "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n")),
                new Scenario("400-two-host-headers", LbError.INVALID_HOST_HEADER,
                        "The client sends two Host headers: the rules and the target could each read another one.",
                        CLOSED,
                        b -> send(b, b.healthyTarget(),
                                "GET / HTTP/1.1\r\nHost: lab.example\r\nHost: evil.example\r\n\r\n")),
                new Scenario("400-header-over-16k", LbError.REQUEST_HEADER_TOO_LARGE,
                        "The client sends one header of 17 KiB (the limit for a single header is 16 KiB).", CLOSED,
                        b -> send(b, b.healthyTarget(),
                                "GET / HTTP/1.1\r\nHost: lab.example\r\nX-Big: " + "a".repeat(17 * 1024) + "\r\n\r\n")),
                new Scenario("400-headers-over-64k", LbError.REQUEST_HEADERS_TOO_LARGE,
                        "The client sends five 14 KiB headers, 70 KiB in all (the limit is 64 KiB).", CLOSED,
                        b -> {
                            StringBuilder req = new StringBuilder("GET / HTTP/1.1\r\nHost: lab.example\r\n");
                            for (int i = 0; i < 5; i++) {
                                req.append("X-Part-").append(i).append(": ").append("a".repeat(14 * 1024)).append("\r\n");
                            }
                            return send(b, b.healthyTarget(), req.append("\r\n").toString());
                        }),
                new Scenario("400-body-shorter-than-content-length", LbError.REQUEST_BODY_INCOMPLETE,
                        "The client announces a 100-byte body, sends 10 bytes, and closes the connection.", CLIENT_LEFT,
                        b -> {
                            b.balancer(b.healthyTarget());
                            b.client().send("POST / HTTP/1.1\r\nHost: lab.example\r\nContent-Length: 100\r\n\r\n0123456789");
                            b.client().close();
                            return null;
                        }),
                new Scenario("400-invalid-content-length", LbError.INVALID_CONTENT_LENGTH,
                        "In desync mitigation's monitor mode (defensive blocks it first: Severe, BadContentLength), the"
                                + " client sends Content-Length: abc: Fulcrum cannot frame the body, whatever the mode.",
                        CLOSED,
                        b -> monitor(b, "POST / HTTP/1.1\r\nHost: lab.example\r\nContent-Length: abc\r\n\r\nabc")),
                new Scenario("400-conflicting-content-length", LbError.INVALID_CONTENT_LENGTH,
                        "In monitor mode (defensive blocks it first: Severe, MultipleContentLength), the client sends"
                                + " two Content-Length headers with different values.", CLOSED,
                        b -> monitor(b, "POST / HTTP/1.1\r\nHost: lab.example\r\nContent-Length: 5\r\n"
                                + "Content-Length: 6\r\n\r\nhello!")),
                new Scenario("400-connect-method", LbError.CONNECT_NOT_SUPPORTED,
                        "The client sends CONNECT lab.example:443, as to a forward proxy.", CLOSED,
                        b -> send(b, b.healthyTarget(), "CONNECT lab.example:443 HTTP/1.1\r\nHost: lab.example:443\r\n\r\n")),
                // ---- 405
                new Scenario("405-trace", LbError.TRACE_NOT_ALLOWED,
                        "The client sends TRACE /.", KEPT,
                        b -> send(b, b.healthyTarget(), "TRACE / HTTP/1.1\r\nHost: lab.example\r\n\r\n")),
                // ---- 408
                new Scenario("408-silent-connection", LbError.CLIENT_IDLE_TIMEOUT,
                        "The client connects and sends nothing for the idle timeout (1 s in the lab).", CLOSED,
                        b -> {
                            b.balancer(b.healthyTarget());
                            return b.client().readResponse();
                        }),
                new Scenario("408-headers-without-body", LbError.CLIENT_IDLE_TIMEOUT,
                        "The client sends headers announcing a 10-byte body, then nothing for the idle timeout.", CLOSED,
                        b -> send(b, b.healthyTarget(), "POST / HTTP/1.1\r\nHost: lab.example\r\nContent-Length: 10\r\n\r\n")),
                new Scenario("408-request-head-trickles-in", LbError.REQUEST_HEADER_TIMEOUT,
                        "With client_header_timeout.timeout_seconds: 2, the client sends its request head one byte"
                                + " every 200 ms (slowloris): never idle for the idle timeout (1 s), never done.", CLOSED,
                        b -> {
                            b.balancer(LabBench.attributes(0, 0).withClientHeaderTimeout(Duration.ofSeconds(2)),
                                    LabBench.group("lab-targets", ProtocolVersion.HTTP1, b.healthyTarget()), List.of());
                            return trickle(b.client(), "GET / HTTP/1.1\r\nHost: lab.example\r\nX-Slow: "
                                    + "a".repeat(100) + "\r\n\r\n", Duration.ofMillis(200));
                        }),
                // ---- 413
                new Scenario("413-body-over-limit", LbError.REQUEST_BODY_TOO_LARGE,
                        "With routing.http.max_request_body_bytes: 100, the client posts 1000 bytes.", CLOSED,
                        b -> {
                            b.balancer(LabBench.attributes(100, 0),
                                    LabBench.group("lab-targets", ProtocolVersion.HTTP1, b.healthyTarget()), List.of());
                            return b.client().send("POST / HTTP/1.1\r\nHost: lab.example\r\nContent-Length: 1000\r\n\r\n"
                                    + "x".repeat(1000)).readResponse();
                        }),
                // ---- 414
                new Scenario("414-uri-over-16k", LbError.REQUEST_LINE_TOO_LONG,
                        "The client sends a 17 KiB URI (the request line limit is 16 KiB).", CLOSED,
                        b -> send(b, b.healthyTarget(), "GET /" + "a".repeat(17 * 1024) + " HTTP/1.1\r\nHost: lab.example\r\n\r\n")),
                // ---- 460
                new Scenario("460-client-closed-while-waiting", LbError.CLIENT_CLOSED,
                        "The target does not answer; the client gives up and closes after its request reached the target.",
                        CLIENT_LEFT,
                        b -> {
                            CountDownLatch received = new CountDownLatch(1);
                            b.balancer(b.target(s -> {
                                RawTarget.readHead(s.getInputStream());
                                received.countDown();
                                b.stall();
                            }));
                            b.client().send(GET);
                            if (!received.await(5, TimeUnit.SECONDS)) {
                                throw new AssertionError("the request never reached the target");
                            }
                            b.client().close();
                            return null;
                        }),
                // ---- 463
                new Scenario("463-xff-over-30-addresses", LbError.XFF_TOO_MANY_ADDRESSES,
                        "The client sends X-Forwarded-For with 31 addresses.", KEPT,
                        b -> {
                            StringBuilder xff = new StringBuilder("10.0.0.1");
                            for (int i = 2; i <= 31; i++) {
                                xff.append(", 10.0.0.").append(i);
                            }
                            return send(b, b.healthyTarget(),
                                    "GET / HTTP/1.1\r\nHost: lab.example\r\nX-Forwarded-For: " + xff + "\r\n\r\n");
                        }),
                // ---- 464
                new Scenario("464-http1-to-grpc-group", LbError.PROTOCOL_VERSION_MISMATCH,
                        "An HTTP/1.1 request is routed to a target group whose protocolVersion is GRPC.", KEPT,
                        b -> {
                            b.balancer(LabBench.attributes(0, 0),
                                    LabBench.group("grpc-targets", ProtocolVersion.GRPC, b.healthyTarget()), List.of());
                            return b.client().send(GET).readResponse();
                        }),
                // ---- 500
                new Scenario("500-internal-failure", LbError.INTERNAL_ERROR,
                        "The balancer fails inside one exchange (injected); another client's request still succeeds.",
                        CLOSED,
                        b -> {
                            b.balancer(b.healthyTarget());
                            RawHttpClient.Response failed = b.client()
                                    .send("GET " + LabBench.INTERNAL_FAILURE_PATH + " HTTP/1.1\r\nHost: lab.example\r\n\r\n")
                                    .readResponse();
                            RawHttpClient.Response other = b.newClient().send(GET).readResponse();
                            if (other.status() != 200) {
                                throw new AssertionError("another client got " + other.status() + " after the failure");
                            }
                            return failed;
                        }),
                // ---- 501
                new Scenario("501-transfer-encoding-gzip", LbError.UNSUPPORTED_TRANSFER_ENCODING,
                        "The client sends Transfer-Encoding: gzip.", CLOSED,
                        b -> send(b, b.healthyTarget(),
                                "POST / HTTP/1.1\r\nHost: lab.example\r\nTransfer-Encoding: gzip\r\n\r\n")),
                // ---- 502
                new Scenario("502-target-refused", LbError.TARGET_CONNECTION_REFUSED,
                        "The target's port has nothing listening: the connection attempt gets a TCP RST.", KEPT,
                        b -> send(b, b.closedPort(), GET)),
                new Scenario("502-target-unreachable", LbError.TARGET_CONNECTION_ERROR,
                        "The target's address cannot be reached (" + LabBench.UNREACHABLE_ADDRESS + ", the loopback"
                                + " network's broadcast address: the kernel answers \"network is unreachable\").",
                        KEPT,
                        b -> {
                            b.balancer(LabBench.attributes(0, 0), LabBench.group("lab-targets", List.of(
                                    new TargetConfig(LabBench.UNREACHABLE_ADDRESS, 80, TargetConfig.DEFAULT_WEIGHT))),
                                    List.of());
                            return b.client().send(GET).readResponse();
                        }),
                new Scenario("502-target-closed-connection", LbError.TARGET_CLOSED_CONNECTION,
                        "The target reads the request and closes the connection (FIN) without answering.", KEPT,
                        b -> send(b, b.target(s -> RawTarget.readHead(s.getInputStream())), GET)),
                new Scenario("502-target-reset-connection", LbError.TARGET_CLOSED_CONNECTION,
                        "The target reads the request and resets the connection (RST).", KEPT,
                        b -> send(b, b.target(s -> {
                            RawTarget.readHead(s.getInputStream());
                            s.setSoLinger(true, 0);
                        }), GET)),
                new Scenario("502-target-keepalive-shorter", LbError.TARGET_CLOSED_CONNECTION,
                        "The target answers once, then closes the kept-alive connection as the next request arrives"
                                + " (its keep-alive is shorter than the balancer's).", KEPT,
                        b -> {
                            b.balancer(b.target(s -> {
                                RawTarget.readHead(s.getInputStream());
                                RawTarget.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                                RawTarget.readHead(s.getInputStream());
                            }));
                            RawHttpClient.Response first = b.client().send(GET).readResponse();
                            if (first.status() != 200) {
                                throw new AssertionError("first request got " + first.status());
                            }
                            return b.client().send(GET).readResponse();
                        }),
                malformedResponse("502-bad-status-line", "HTTP/1.1 abc OK\r\nContent-Length: 2\r\n\r\nok",
                        "The target answers with a status line whose code is not a number."),
                malformedResponse("502-invalid-response-header",
                        "HTTP/1.1 200 OK\r\nNo-Colon-In-This-Line\r\nContent-Length: 2\r\n\r\nok",
                        "The target answers with a header line that has no colon."),
                malformedResponse("502-space-in-response-header-name",
                        "HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 2\r\n\r\nok",
                        "The target answers with a header whose name has a space inside it (Bad Name: x)."),
                malformedResponse("502-non-integer-content-length", "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\nok",
                        "The target answers with Content-Length: ten."),
                malformedResponse("502-conflicting-content-length",
                        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok",
                        "The target answers with two different Content-Length headers."),
                malformedResponse("502-headers-ended-early",
                        "HTTP/1.1 200 OK\r\n\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok",
                        "The target puts an empty line (two CRLFs) right after the status line, ending its headers early."),
                new Scenario("502-response-headers-over-32k", LbError.TARGET_RESPONSE_HEADERS_TOO_LARGE,
                        "The target answers with 33 KiB of headers (the limit is 32 KiB).", KEPT,
                        b -> send(b, b.target(s -> {
                            RawTarget.readHead(s.getInputStream());
                            RawTarget.write(s, "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(33 * 1024)
                                    + "\r\nContent-Length: 2\r\n\r\nok");
                        }), GET)),
                new Scenario("502-deregistration-delay-elapsed", LbError.TARGET_DEREGISTERED,
                        "With deregistration_delay.timeout_seconds: 0, the target is deregistered (the configuration"
                                + " is reloaded without it) while it works on the request.", CLOSED,
                        b -> {
                            CountDownLatch received = new CountDownLatch(1);
                            int port = b.target(s -> {
                                RawTarget.readHead(s.getInputStream());
                                received.countDown();
                                b.stall();
                            });
                            TargetGroupAttributes noDelay = new TargetGroupAttributes(Algorithm.ROUND_ROBIN,
                                    Duration.ZERO, Duration.ZERO);
                            TargetConfig target = new TargetConfig("127.0.0.1", port, TargetConfig.DEFAULT_WEIGHT);
                            b.balancer(LabBench.attributes(0, 0),
                                    LabBench.group("lab-targets", noDelay, List.of(target)), List.of());
                            b.client().send(GET);
                            if (!received.await(5, TimeUnit.SECONDS)) {
                                throw new AssertionError("the request never reached the target");
                            }
                            b.reload(LabBench.group("lab-targets", noDelay, List.of()));
                            return b.client().readResponse();
                        }),
                // ---- 503
                new Scenario("503-no-registered-targets", LbError.NO_REGISTERED_TARGETS,
                        "The rule forwards to a target group with no registered targets.", KEPT,
                        b -> {
                            b.balancer(LabBench.attributes(0, 0), LabBench.group("empty", List.of()), List.of());
                            return b.client().send(GET).readResponse();
                        }),
                new Scenario("503-all-weights-zero", LbError.NO_TARGET_WITH_WEIGHT,
                        "Every target of the group has weight 0.", KEPT,
                        b -> {
                            b.balancer(LabBench.attributes(0, 0), LabBench.group("weightless",
                                    List.of(new TargetConfig("127.0.0.1", b.healthyTarget(), 0))), List.of());
                            return b.client().send(GET).readResponse();
                        }),
                new Scenario("503-qps-limited", LbError.QPS_LIMITED,
                        "With routing.http.max_requests_per_second: 1, the client sends requests one after another"
                                + " until one is refused (the second of the same second): it carries ALB-QPS-Limited:"
                                + " Limited and never reaches a target.", KEPT,
                        b -> {
                            b.balancer(LabBench.attributes(0, 1),
                                    LabBench.group("lab-targets", ProtocolVersion.HTTP1, b.healthyTarget()), List.of());
                            // Ten requests in a row are all admitted only if each lands in a second of its own,
                            // which takes over nine seconds: a stalled machine, not a slow one.
                            for (int i = 0; i < 10; i++) {
                                RawHttpClient.Response r = b.client().send(GET).readResponse();
                                if (r.status() == 503) {
                                    if (!"Limited".equals(r.header("ALB-QPS-Limited"))) {
                                        throw new AssertionError("503 without ALB-QPS-Limited: Limited");
                                    }
                                    return r;
                                }
                            }
                            throw new AssertionError("ten requests in a row were all admitted");
                        }),
                // ---- 504
                new Scenario("504-connect-timeout", LbError.TARGET_CONNECT_TIMEOUT,
                        "The target's accept queue is full so its SYNs are dropped; connecting times out (1 s in the lab).",
                        KEPT,
                        b -> send(b, b.blackholePort(), GET)),
                new Scenario("504-target-silent", LbError.TARGET_IDLE_TIMEOUT,
                        "The target accepts the request and sends nothing for the idle timeout (1 s in the lab).", KEPT,
                        b -> send(b, b.target(s -> {
                            RawTarget.readHead(s.getInputStream());
                            b.stall();
                        }), GET)),
                new Scenario("504-content-length-larger-than-body", LbError.TARGET_RESPONSE_INCOMPLETE,
                        "The target announces Content-Length: 100, sends 9 bytes, and stalls.", KEPT,
                        b -> send(b, b.target(s -> {
                            RawTarget.readHead(s.getInputStream());
                            RawTarget.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly-this");
                            b.stall();
                        }), GET)),
                // ---- 505
                new Scenario("505-http2-preface", LbError.HTTP_VERSION_NOT_SUPPORTED,
                        "The client opens with the HTTP/2 connection preface on this HTTP/1 listener.", CLOSED,
                        b -> send(b, b.healthyTarget(), "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")),
                new Scenario("505-http3-version", LbError.HTTP_VERSION_NOT_SUPPORTED,
                        "The client sends GET / HTTP/3.0.", CLOSED,
                        b -> send(b, b.healthyTarget(), "GET / HTTP/3.0\r\nHost: lab.example\r\n\r\n")),
                // ---- 507
                new Scenario("507-redirect-url-over-8k", LbError.REDIRECT_URL_TOO_LONG,
                        "A redirect rule keeps #{query}; the client's 9 KiB query makes the Location longer than 8 KiB.",
                        KEPT,
                        b -> {
                            RuleConfig redirect = new RuleConfig(10,
                                    List.of(new ConditionConfig.PathPattern(List.of("/r/*"))),
                                    List.of(new ActionConfig.Redirect(null, "elsewhere.example", null, null, null, 302)));
                            b.balancer(LabBench.attributes(0, 0),
                                    LabBench.group("lab-targets", ProtocolVersion.HTTP1, b.healthyTarget()),
                                    List.of(redirect));
                            return b.client().send("GET /r/x?q=" + "a".repeat(9 * 1024)
                                    + " HTTP/1.1\r\nHost: lab.example\r\n\r\n").readResponse();
                        }));
    }

    /** Starts a balancer in desync mitigation's monitor mode, sends {@code raw}, returns the response. */
    private static RawHttpClient.Response monitor(LabBench b, String raw) {
        b.balancer(LabBench.attributes(0, 0).withDesyncMitigationMode(DesyncMitigationMode.MONITOR),
                LabBench.group("lab-targets", ProtocolVersion.HTTP1, b.healthyTarget()), List.of());
        return b.client().send(raw).readResponse();
    }

    /** Starts a balancer in front of {@code targetPort}, sends {@code raw}, returns the response. */
    private static RawHttpClient.Response send(LabBench b, int targetPort, String raw) {
        b.balancer(targetPort);
        return b.client().send(raw).readResponse();
    }

    /**
     * Sends {@code raw} one byte per {@code pause} (a client that trickles its request), until the balancer
     * answers; returns its answer.
     */
    private static RawHttpClient.Response trickle(RawHttpClient client, String raw, Duration pause)
            throws InterruptedException {
        for (int i = 0; i < raw.length() && !client.hasInput(); i++) {
            client.send(raw.substring(i, i + 1));
            Thread.sleep(pause.toMillis()); // the client's pace is what the scenario is about
        }
        return client.readResponse();
    }

    private static Scenario malformedResponse(String name, String response, String done) {
        return new Scenario(name, LbError.TARGET_RESPONSE_MALFORMED, done, KEPT,
                b -> send(b, b.target(s -> {
                    RawTarget.readHead(s.getInputStream());
                    RawTarget.write(s, response);
                    RawTarget.awaitClose(s); // then close: after the balancer, which closes once it judged the answer
                }), GET));
    }
}
