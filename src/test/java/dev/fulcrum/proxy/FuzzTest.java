package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.group;
import static dev.fulcrum.testing.TestConfigs.listener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.core.LbError;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.lab.RawTarget;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.TestBalancer;
import dev.fulcrum.testing.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Nothing a client or a target sends may crash the balancer, fail another exchange, or end in a 500 (an internal
 * error is a bug): valid requests and responses, mutated at random (seeded, so a failure replays), are played
 * against a real balancer on loopback. Every answer must be a well-formed status line, every access-log record
 * must name a cause other than {@code InternalError}, no connection may stay open, and a clean request still
 * gets its answer afterwards. Leak detection (paranoid in tests) checks the buffers.
 */
class FuzzTest {

    /** Fixed, so that a failure replays; {@code -Dfulcrum.fuzz.seed=N -Dfulcrum.fuzz.cases=M} explores further. */
    private static final long SEED = Long.getLong("fulcrum.fuzz.seed", 0x5EED_F00DL);
    private static final int CASES = Integer.getInteger("fulcrum.fuzz.cases", 160);
    private static final int CONCURRENCY = 32;
    private static final Pattern STATUS_LINE = Pattern.compile("^HTTP/1\\.[01] (\\d{3})[ \\r]");
    private static final byte[] NASTY = {'\r', '\n', 0, ' ', ':', '\t', 0x7f, (byte) 0xff, '"', '%', ';', ','};

    private static final List<String> REQUESTS = List.of(
            "GET /path?q=1&r=%20 HTTP/1.1\r\nHost: fuzz.example\r\nUser-Agent: fuzz\r\nAccept: */*\r\n\r\n",
            "POST /upload HTTP/1.1\r\nHost: fuzz.example\r\nContent-Length: 11\r\nContent-Type: text/plain\r\n\r\n"
                    + "hello world",
            "POST /chunks HTTP/1.1\r\nHost: fuzz.example\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n",
            "GET / HTTP/1.0\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: fuzz.example\r\n\r\nGET /b HTTP/1.1\r\nHost: fuzz.example\r\n"
                    + "X-Forwarded-For: 10.0.0.1, 10.0.0.2\r\n\r\n",
            "OPTIONS * HTTP/1.1\r\nHost: fuzz.example\r\nConnection: close\r\n\r\n");

    private static final List<String> RESPONSES = List.of(
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
            "HTTP/1.1 204 No Content\r\nX-Empty: \r\n\r\n",
            "HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nbody until the close",
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

    @Test
    void mutatedRequestsGetWellFormedAnswersAndNoInternalError() throws Exception {
        try (FakeTarget target = FakeTarget.start("t");
                TestBalancer lb = TestBalancer.start(config(attributes(), listener(List.of(), forward("web")),
                        group("web", target)))) {
            SplittableRandom seeds = new SplittableRandom(SEED);
            List<byte[]> inputs = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                SplittableRandom r = seeds.split();
                inputs.add(mutate(REQUESTS.get(r.nextInt(REQUESTS.size())).getBytes(StandardCharsets.ISO_8859_1), r));
            }
            List<String> problems = play(lb.port(), inputs, i -> (i % 2) == 0);

            assertThat(problems).isEmpty();
            assertNoInternalError(lb);
            assertStillServes(lb);
        }
    }

    /** The admin endpoint takes the same beating: answers stay well-formed, never a 500, and it serves on. */
    @Test
    void mutatedAdminRequestsGetWellFormedAnswersAndTheAdminServesOn() throws Exception {
        List<String> adminRequests = List.of(
                "GET /metrics HTTP/1.1\r\nHost: admin\r\n\r\n",
                "GET /api/v1/target-health?group=web HTTP/1.1\r\nHost: admin\r\n\r\n",
                "GET /api/v1/metrics HTTP/1.1\r\nHost: admin\r\nConnection: close\r\n\r\n",
                "POST /api/v1/target-health HTTP/1.1\r\nHost: admin\r\nContent-Length: 2\r\n\r\n{}");
        try (FakeTarget target = FakeTarget.start("t");
                TestBalancer lb = TestBalancer.start(config(attributes(), listener(List.of(), forward("web")),
                        group("web", target)))) {
            SplittableRandom seeds = new SplittableRandom(SEED + 2);
            List<byte[]> inputs = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                SplittableRandom r = seeds.split();
                inputs.add(mutate(adminRequests.get(r.nextInt(adminRequests.size()))
                        .getBytes(StandardCharsets.ISO_8859_1), r));
            }
            List<String> problems = play(lb.fulcrum().adminAddress().getPort(), inputs, i -> true);

            assertThat(problems).isEmpty();
            try (RawHttpClient c = RawHttpClient.connect(lb.fulcrum().adminAddress())) {
                assertThat(c.get("/metrics").readResponse().status()).isEqualTo(200);
            }
        }
    }

    @Test
    void mutatedTargetResponsesAreRelayedOrAnswered502Or504AndNothingElse() throws Exception {
        SplittableRandom seeds = new SplittableRandom(SEED + 1);
        Queue<byte[]> answers = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < CASES; i++) {
            SplittableRandom r = seeds.split();
            answers.add(mutate(RESPONSES.get(r.nextInt(RESPONSES.size())).getBytes(StandardCharsets.ISO_8859_1), r));
        }
        try (RawTarget target = RawTarget.start(s -> {
                    RawTarget.readHead(s.getInputStream());
                    byte[] answer = answers.poll();
                    if (answer != null) {
                        writeInPieces(s, answer, new SplittableRandom(answer.length));
                    }
                    s.setSoTimeout(300);
                    drain(s.getInputStream()); // then close: ends close-delimited bodies
                });
                TestBalancer lb = TestBalancer.start(config(attributes(), listener(List.of(), forward("web")),
                        group("web", Algorithm.ROUND_ROBIN, List.of(TestConfigs.target(target.port())))))) {
            List<byte[]> requests = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                requests.add("GET /fuzz HTTP/1.1\r\nHost: fuzz.example\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
            }
            List<String> problems = play(lb.port(), requests, i -> false);

            assertThat(problems).isEmpty();
            assertNoInternalError(lb);
            for (ExchangeRecord r : lb.log().all()) {
                if (r.error() != null) {
                    assertThat(r.error().status()).as(r.toString()).isIn(502, 504, 460);
                } else {
                    assertThat(r.elbStatus()).as(r.toString()).isEqualTo(r.targetStatus());
                }
            }
        }
    }

    /** One second of idle timeout: a case that stalls is closed (408 or 504) quickly. */
    private static LoadBalancerAttributes attributes() {
        return LoadBalancerAttributes.defaults().withIdleTimeout(Duration.ofSeconds(1)).withErrorReasonHeader(true);
    }

    /** Sends each input on its own connection, {@link #CONCURRENCY} at a time; returns what was wrong. */
    private static List<String> play(int port, List<byte[]> inputs, java.util.function.IntPredicate halfClose)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                int n = i;
                outcomes.add(pool.submit(() -> exchange(port, inputs.get(n), halfClose.test(n), n)));
            }
            List<String> problems = new ArrayList<>();
            for (Future<String> f : outcomes) {
                String problem = f.get(60, TimeUnit.SECONDS);
                if (problem != null) {
                    problems.add(problem);
                }
            }
            return problems;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Plays one case; returns a description of what was wrong with the answer, or null. */
    private static String exchange(int port, byte[] input, boolean halfClose, int n) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5_000); // the balancer's idle timeout (1 s) ends every stalled case well before
            try {
                writeInPieces(s, input, new SplittableRandom(n));
                if (halfClose) {
                    s.shutdownOutput();
                }
            } catch (IOException e) {
                return null; // the balancer already answered and closed: what it sent is read below
            }
            String answer = drain(s.getInputStream());
            if (answer.isEmpty()) {
                return null; // closed without an answer (e.g. 460, or an idle connection closed)
            }
            Matcher m = STATUS_LINE.matcher(answer);
            if (!m.find()) {
                return "case " + n + ": not a status line: " + printable(answer) + " for " + printable(input);
            }
            int headEnd = answer.indexOf("\r\n\r\n");
            String head = (headEnd < 0 ? answer : answer.substring(0, headEnd)).toLowerCase(java.util.Locale.ROOT);
            if (m.group(1).equals("500") || head.contains("x-fulcrum-error-reason: "
                    + LbError.INTERNAL_ERROR.errorReason().toLowerCase(java.util.Locale.ROOT))) {
                return "case " + n + ": internal error for " + printable(input);
            }
            return null;
        }
    }

    /** Every other case goes out whole; the others in pieces of 1 to 64 bytes, each its own TCP segment. */
    private static void writeInPieces(Socket s, byte[] bytes, SplittableRandom r) throws IOException {
        if (r.nextBoolean()) {
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            return;
        }
        s.setTcpNoDelay(true);
        for (int at = 0; at < bytes.length; ) {
            int piece = Math.min(bytes.length - at, 1 + r.nextInt(64));
            s.getOutputStream().write(bytes, at, piece);
            s.getOutputStream().flush();
            at += piece;
        }
    }

    /** Reads until the peer closes (or resets, or stays silent past the socket timeout). */
    private static String drain(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int read; (read = in.read(buf)) >= 0; ) {
                out.write(buf, 0, read);
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // silent or reset: what came before is the answer
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static void assertNoInternalError(TestBalancer lb) {
        await().atMost(Duration.ofSeconds(10)).until(() -> lb.fulcrum().openConnections() == 0);
        assertThat(lb.log().all()).noneMatch(r -> r.error() == LbError.INTERNAL_ERROR);
    }

    private static void assertStillServes(TestBalancer lb) {
        try (RawHttpClient c = lb.connect()) {
            assertThat(c.get("/after").readResponse().status()).isEqualTo(200);
        }
    }

    /** One to four random edits: byte flips, nasty bytes, cuts, repeats, odd numbers, versions, long tokens. */
    private static byte[] mutate(byte[] input, SplittableRandom r) {
        byte[] b = input;
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = r.nextInt(b.length);
            b = switch (r.nextInt(8)) {
                case 0 -> replace(b, at, 1, new byte[] {(byte) r.nextInt(256)});
                case 1 -> replace(b, at, 0, new byte[] {NASTY[r.nextInt(NASTY.length)]});
                case 2 -> replace(b, at, Math.min(b.length - at, 1 + r.nextInt(8)), new byte[0]);
                case 3 -> replace(b, at, 0, slice(b, at, Math.min(b.length - at, 1 + r.nextInt(16))));
                case 4 -> java.util.Arrays.copyOf(b, Math.max(1, at));
                case 5 -> replaceDigits(b, r);
                case 6 -> replaceAll(b, r.nextBoolean() ? "HTTP/1.1" : "HTTP/1.0",
                        List.of("HTTP/2.0", "HTTP/9.9", "HTTP/1.1 ", "http/1.1", "HTTP/1.").get(r.nextInt(5)));
                default -> replace(b, at, 0, ("X-Long: " + "a".repeat(r.nextInt(20_000)) + "\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
            };
        }
        return b;
    }

    private static byte[] replaceDigits(byte[] b, SplittableRandom r) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String number = List.of("-1", "0", "99999999999999999999", "1 1", "0x10", "", "12").get(r.nextInt(7));
        return s.replaceFirst("\\d+", number).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] replaceAll(byte[] b, String from, String to) {
        return new String(b, StandardCharsets.ISO_8859_1).replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] replace(byte[] b, int at, int length, byte[] with) {
        byte[] out = new byte[b.length - length + with.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(with, 0, out, at, with.length);
        System.arraycopy(b, at + length, out, at + with.length, b.length - at - length);
        return out;
    }

    private static byte[] slice(byte[] b, int at, int length) {
        return java.util.Arrays.copyOfRange(b, at, at + length);
    }

    private static String printable(byte[] b) {
        return printable(new String(b, StandardCharsets.ISO_8859_1));
    }

    private static String printable(String s) {
        String cut = s.length() > 300 ? s.substring(0, 300) + "..." : s;
        return "\"" + cut.replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0") + "\"";
    }
}
