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
import dev.fulcrum.core.LbError;
import dev.fulcrum.desync.Reason;
import dev.fulcrum.desync.Tier;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.lab.RawTarget;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.TestBalancer;
import dev.fulcrum.testing.TestConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every classification reason in every desync mitigation mode, through a real balancer to a real target on
 * loopback: the status, whether the target saw the request (and as what), whether the client and the target
 * connection were closed, and the log's fields. The mode table is ALB's; where Fulcrum cannot read or frame what the
 * mode lets through, its own refusal follows (README, "the order of the checks").
 */
class DesyncMitigationEndToEndTest {

    private static final String HOST = "Host: x.example\r\n";

    /**
     * One raw request, the reason the classifier must give it, what the target must see of it when forwarded, and
     * Fulcrum's own refusal when the mode lets it through but Fulcrum cannot read or frame it.
     *
     * @param rfcClose the head's own framing closes both connections in every mode (RFC 9112 section 6.1)
     */
    record Case(Reason reason, String raw, String targetLine, LbError refusal, boolean rfcClose) {
        static Case forwarded(Reason reason, String raw, String targetLine) {
            return new Case(reason, raw, targetLine, null, false);
        }

        static Case refused(Reason reason, String raw, LbError refusal) {
            return new Case(reason, raw, null, refusal, false);
        }
    }

    static List<Case> cases() {
        return List.of(
                // Acceptable
                Case.forwarded(Reason.NON_COMPLIANT_HEADER, "GET /h HTTP/1.1\r\n" + HOST + "Bad Name: y\r\n\r\n",
                        "GET /h HTTP/1.1"),
                Case.forwarded(Reason.SPACE_IN_URI, "GET /a b HTTP/1.1\r\n" + HOST + "\r\n", "GET /a%20b HTTP/1.1"),
                Case.forwarded(Reason.NON_COMPLIANT_VERSION, "GET /v HTTP/1.1 \r\n" + HOST + "\r\n", "GET /v HTTP/1.1"),
                Case.forwarded(Reason.NON_COMPLIANT_VERSION, "GET /v12 HTTP/1.2\r\n" + HOST + "\r\n",
                        "GET /v12 HTTP/1.1"),
                Case.forwarded(Reason.GET_HEAD_ZERO_CONTENT_LENGTH, "GET /z HTTP/1.1\r\n" + HOST + "Content-Length: 0\r\n\r\n",
                        "GET /z HTTP/1.1"),
                Case.forwarded(Reason.NON_CR_LF_LINE_TERMINATION, "GET /lf HTTP/1.1\nHost: x.example\n\n", "GET /lf HTTP/1.1"),
                // Ambiguous
                Case.forwarded(Reason.EMPTY_HEADER, "GET /e HTTP/1.1\r\n" + HOST + ": empty\r\n\r\n", "GET /e HTTP/1.1"),
                Case.forwarded(Reason.AMBIGUOUS_URI, "GET /a\tb HTTP/1.1\r\n" + HOST + "\r\n", "GET /a%09b HTTP/1.1"),
                Case.forwarded(Reason.UNDEFINED_CONTENT_LENGTH_SEMANTICS,
                        "GET /b HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\n\r\nhello", "GET /b HTTP/1.1"),
                Case.forwarded(Reason.UNDEFINED_TRANSFER_ENCODING_SEMANTICS,
                        "GET /t HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "GET /t HTTP/1.1"),
                Case.forwarded(Reason.DUPLICATE_CONTENT_LENGTH,
                        "POST /d HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
                        "POST /d HTTP/1.1"),
                new Case(Reason.BOTH_TE_CL_PRESENT, "POST /c HTTP/1.1\r\n" + HOST
                        + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
                        "POST /c HTTP/1.1", null, true),
                Case.forwarded(Reason.SUSPICIOUS_HEADER,
                        "POST /s HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nTransfer_Encoding: chunked\r\n\r\nhello",
                        "POST /s HTTP/1.1"),
                Case.forwarded(Reason.MULTILINE_HEADER, "GET /m HTTP/1.1\r\n" + HOST + "X-Long: a\r\n b\r\n\r\n",
                        "GET /m HTTP/1.1"),
                Case.forwarded(Reason.MISSING_HEADER_COLON, "GET /n HTTP/1.1\r\n" + HOST + "NoColon\r\n\r\n",
                        "GET /n HTTP/1.1"),
                Case.refused(Reason.MISSING_URI, "GARBAGE\r\n\r\n", LbError.REQUEST_MALFORMED),
                // Severe
                Case.forwarded(Reason.BAD_HEADER, "GET /bh HTTP/1.1\r\n" + HOST + "X-Bad: a\u0000b\r\n\r\n",
                        "GET /bh HTTP/1.1"),
                Case.forwarded(Reason.BAD_URI, "GET /a\u0000b HTTP/1.1\r\n" + HOST + "\r\n", "GET /a%00b HTTP/1.1"),
                Case.refused(Reason.BAD_VERSION, "GET / HTTX/1.1\r\n" + HOST + "\r\n", LbError.REQUEST_MALFORMED),
                Case.refused(Reason.BAD_METHOD, "G\u0001ET / HTTP/1.1\r\n" + HOST + "\r\n", LbError.REQUEST_MALFORMED),
                Case.refused(Reason.MULTIPLE_CONTENT_LENGTH,
                        "POST / HTTP/1.1\r\n" + HOST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
                        LbError.INVALID_CONTENT_LENGTH),
                Case.refused(Reason.BAD_CONTENT_LENGTH, "POST / HTTP/1.1\r\n" + HOST + "Content-Length: abc\r\n\r\nabc",
                        LbError.INVALID_CONTENT_LENGTH),
                Case.forwarded(Reason.NONE, // Compliant codings before chunked go on as they came, normalised
                        "POST /gz HTTP/1.1\r\n" + HOST + "Transfer-Encoding: gzip , chunked;x=1\r\n\r\n"
                                + "5\r\nhello\r\n0\r\n\r\n", "POST /gz HTTP/1.1"),
                Case.forwarded(Reason.MULTIPLE_TRANSFER_ENCODING_CHUNKED,
                        "POST /cc HTTP/1.1\r\n" + HOST + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
                        "POST /cc HTTP/1.1"),
                Case.refused(Reason.BAD_TRANSFER_ENCODING,
                        "POST / HTTP/1.1\r\n" + HOST + "Transfer-Encoding: xchunked\r\n\r\n",
                        LbError.UNSUPPORTED_TRANSFER_ENCODING));
    }

    @TestFactory
    Stream<DynamicContainer> everyReasonInEveryMode() {
        return Stream.of(DesyncMitigationMode.values()).map(mode -> DynamicContainer.dynamicContainer(mode.key(),
                Stream.of(DynamicTest.dynamicTest("all reasons", () -> playAll(mode)))));
    }

    /** Every case in one mode, one after another, on one balancer with one event loop (so one target pool). */
    private static void playAll(DesyncMitigationMode mode) throws Exception {
        Target target = new Target();
        try (RawTarget t = RawTarget.start(target::serve);
                TestBalancer lb = TestBalancer.start(config(LoadBalancerAttributes.defaults().toBuilder()
                                .desyncMitigationMode(mode).errorReasonHeader(true).build(),
                        listener(List.of(), forward("web")),
                        TestConfigs.group("web", Algorithm.ROUND_ROBIN, List.of(target(t.port())))),
                        FulcrumOptions.builder().eventLoops(1).drainTimeout(Duration.ofSeconds(5)).build())) {
            List<String> problems = new ArrayList<>();
            for (Case c : cases()) {
                try {
                    play(mode, c, lb, target, t);
                } catch (AssertionError e) {
                    problems.add(c.reason().code() + ": " + e.getMessage());
                }
            }
            assertThat(problems).as(mode.key()).isEmpty();
            assertThat(target.unsafe).as("what a strict target could not read as Fulcrum did").isEmpty();
        }
    }

    private static void play(DesyncMitigationMode mode, Case c, TestBalancer lb, Target target, RawTarget t) {
        Tier tier = c.reason().tier();
        DesyncMitigation mitigation = DesyncMitigation.of(mode,
                new HeadVerdict(false, new dev.fulcrum.desync.Classification(tier, c.reason(), "")));
        boolean blocked = mitigation.blocks();
        LbError expectedError = blocked ? LbError.DESYNC_MITIGATION_BLOCKED : c.refusal();
        boolean forwarded = expectedError == null;
        boolean closesBoth = forwarded && (mitigation.closeAfter() || c.rfcClose());
        int records = lb.log().size();
        int seen = target.lines.size();
        int closes = target.closes.get();

        try (RawHttpClient client = lb.connect()) {
            RawHttpClient.Response r = client.send(c.raw()).readResponse();
            assertThat(r.status()).as("status").isEqualTo(forwarded ? 200 : expectedError.status());
            assertThat(r.header("X-Fulcrum-Error-Reason")).as("error_reason header")
                    .isEqualTo(forwarded ? null : expectedError.errorReason());
            ExchangeRecord record = lb.log().awaitRecord(records + 1);
            assertThat(record.classification().tier()).as("logged tier").isEqualTo(tier);
            assertThat(record.classification().reason()).as("logged reason").isEqualTo(c.reason());
            assertThat(record.error()).as("logged error").isEqualTo(expectedError);
            assertThat(lb.log().lines().get(records)).as("ALB line")
                    .contains("\"" + tier.logValue() + "\" \"" + c.reason().code() + "\"");
            if (!forwarded) {
                assertThat(client.isClosedByPeer()).as("client connection closed").isTrue();
                assertThat(target.lines).as("the target saw nothing").hasSize(seen);
                return;
            }
            assertThat(target.lines).as("the target saw it once").hasSize(seen + 1);
            assertThat(target.lastLine()).as("as Fulcrum read it").isEqualTo(c.targetLine());
            if (closesBoth) {
                assertThat(r.header("Connection")).isEqualTo("close");
                assertThat(client.isClosedByPeer()).as("client connection closed").isTrue();
                Awaitility.await("target connection closed").atMost(Duration.ofSeconds(10))
                        .until(() -> target.closes.get() > closes);
                return;
            }
            // Kept on both sides: the next request on this client connection goes on the same target connection.
            int connections = t.connections();
            assertThat(client.get("/follow").readResponse().status()).as("client connection kept").isEqualTo(200);
            assertThat(t.connections()).as("target connection kept").isEqualTo(connections);
            lb.log().awaitRecord(records + 2);
        }
    }

    /**
     * A strict target: reads each request as RFC 9112 frames it, records its request line, answers 200; and notes
     * every head a strict parser would refuse or another could frame otherwise (both Content-Length and
     * Transfer-Encoding, two Content-Lengths, a field name that is not a token, a bare CR or LF, a control byte).
     */
    static final class Target {
        final Queue<String> lines = new ConcurrentLinkedQueue<>();
        final Queue<String> unsafe = new ConcurrentLinkedQueue<>();
        final AtomicInteger closes = new AtomicInteger();
        private volatile String last;

        void serve(java.net.Socket s) throws java.io.IOException {
            String head;
            while (!(head = RawTarget.readHead(s.getInputStream())).isEmpty()) {
                checkStrictly(head);
                String line = head.substring(0, head.indexOf("\r\n"));
                RawTarget.readBody(s.getInputStream(), head);
                last = line;
                lines.add(line);
                RawTarget.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
            closes.incrementAndGet();
        }

        String lastLine() {
            return last;
        }

        private void checkStrictly(String head) {
            String[] lines = head.substring(0, head.length() - 4).split("\r\n", -1);
            int lengths = 0;
            int codings = 0;
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i];
                if (l.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
                    unsafe.add("control byte in " + l);
                }
                if (i == 0) {
                    if (!l.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+ [\\x21-\\x7e]+ HTTP/1\\.1")) {
                        unsafe.add("request line " + l);
                    }
                    continue;
                }
                int colon = l.indexOf(':');
                if (colon <= 0 || !l.substring(0, colon).matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    unsafe.add("field line " + l);
                    continue;
                }
                String name = l.substring(0, colon);
                lengths += name.equalsIgnoreCase("Content-Length") ? 1 : 0;
                codings += name.equalsIgnoreCase("Transfer-Encoding") ? 1 : 0;
            }
            if (lengths > 1 || lengths > 0 && codings > 0 || codings > 1) {
                unsafe.add("framing of " + head.replace("\r\n", "|"));
            }
        }
    }
}
