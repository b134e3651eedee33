package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.listener;
import static dev.fulcrum.testing.TestConfigs.target;

import dev.fulcrum.FulcrumOptions;
import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.DesyncMitigationMode;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.core.LbError;
import dev.fulcrum.desync.Classification;
import dev.fulcrum.desync.DesyncCases;
import dev.fulcrum.desync.DesyncClassifier;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.lab.RawTarget;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.TestBalancer;
import dev.fulcrum.testing.TestConfigs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * A measurement aid, not a test: sends every case of http-desync-guardian's test suite (its {@code tests/*.yaml},
 * from the folder given) raw through a real balancer to a strict target, in each desync mitigation mode, and counts
 * how many get ALB's handling of the case's expected tier: blocked with 400, or forwarded (and, for Ambiguous in
 * defensive mode, both connections closed afterwards). Prints per mode the count and every case handled otherwise,
 * with what Fulcrum did and why. A case without a {@code Host} field gets one.
 *
 * <pre>bench/desync-cases.sh DIR --through-fulcrum</pre>
 */
public final class DesyncCasesThroughFulcrum {

    private DesyncCasesThroughFulcrum() {
    }

    public static void main(String[] args) throws IOException {
        List<DesyncCases.Case> cases = DesyncCases.cases(Path.of(args[0]));
        for (DesyncMitigationMode mode : DesyncMitigationMode.values()) {
            List<String> otherwise = new ArrayList<>();
            int likeAlb = 0;
            DesyncMitigationEndToEndTest.Target target = new DesyncMitigationEndToEndTest.Target();
            try (RawTarget t = RawTarget.start(target::serve);
                    TestBalancer lb = TestBalancer.start(config(LoadBalancerAttributes.defaults().toBuilder()
                                    .desyncMitigationMode(mode).idleTimeout(Duration.ofSeconds(2)).build(),
                            listener(List.of(), forward("web")),
                            TestConfigs.group("web", Algorithm.ROUND_ROBIN, List.of(target(t.port())))),
                            FulcrumOptions.builder().eventLoops(1).build())) {
                for (DesyncCases.Case c : cases) {
                    String verdict = play(mode, c, lb, target);
                    if (verdict == null) {
                        likeAlb++;
                    } else {
                        otherwise.add(c.file() + ": " + c.name() + " (" + c.tier() + " " + c.reason() + "): " + verdict);
                    }
                }
                if (!target.unsafe.isEmpty()) {
                    otherwise.add("the target got heads a strict parser would frame otherwise: " + target.unsafe);
                }
            }
            System.out.printf("%n%s: %d of %d cases handled as ALB's mode table says%n", mode.key(), likeAlb,
                    cases.size());
            otherwise.forEach(o -> System.out.println("  " + o));
        }
    }

    /** Plays one case; {@code null} when Fulcrum handled it as ALB's table says, else what it did instead. */
    private static String play(DesyncMitigationMode mode, DesyncCases.Case c, TestBalancer lb,
            DesyncMitigationEndToEndTest.Target target) {
        String tier = expectedTier(c);
        boolean blocks = switch (mode) {
            case MONITOR -> false;
            case DEFENSIVE -> tier.equals("Severe");
            case STRICTEST -> !tier.equals("Compliant");
        };
        boolean closesBoth = mode == DesyncMitigationMode.DEFENSIVE && tier.equals("Ambiguous");
        int records = lb.log().size();
        int seen = target.lines.size();
        int closes = target.closes.get();
        String body = body(c);
        try (RawHttpClient client = lb.connect()) {
            client.socket().setSoTimeout(5_000);
            RawHttpClient.Response r = client.send(head(c) + body).readResponse();
            ExchangeRecord record = lb.log().awaitRecord(records + 1);
            boolean forwarded = target.lines.size() > seen;
            if (blocks) {
                return r.status() == 400 && record.error() == LbError.DESYNC_MITIGATION_BLOCKED && !forwarded ? null
                        : "expected blocked, got " + r.status() + " " + record.errorReason()
                                + " (logged " + record.classification().tier().logValue() + " "
                                + record.classification().reason().code() + ")";
            }
            if (!forwarded) {
                return "not forwarded: " + r.status() + " " + record.errorReason() + " (logged "
                        + record.classification().tier().logValue() + " " + record.classification().reason().code()
                        + ")";
            }
            if (closesBoth) {
                boolean clientClosed = client.isClosedByPeer();
                boolean targetClosed = awaitQuietly(() -> target.closes.get() > closes);
                if (!clientClosed || !targetClosed) {
                    return "forwarded, but " + (clientClosed ? "" : "the client ") + (targetClosed ? "" : "the target ")
                            + "connection stayed open";
                }
            }
            return null;
        } catch (java.net.SocketException | RuntimeException | AssertionError e) {
            return "no answer: " + e.getMessage();
        }
    }

    /**
     * The tier whose handling the case should get: the case's own, unless its raw head reads into one of the
     * reasons the library's test lets a raw reading differ in ({@link DesyncCases#RAW_ONLY}); then the raw
     * reading's tier, which is what a balancer that classifies the bytes it got would act on.
     */
    private static String expectedTier(DesyncCases.Case c) {
        byte[] raw = head(c).getBytes(StandardCharsets.ISO_8859_1);
        Classification verdict = DesyncClassifier.classify(raw, 0, raw.length);
        if (!DesyncCases.RAW_ONLY.contains(verdict.reason())) {
            return c.tier();
        }
        String name = verdict.tier().name();
        return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
    }

    /**
     * The case's raw head, with a {@code Host} field when the case has none (most of the library's cases leave it
     * out, and an HTTP/1.1 request without one is refused, 400 InvalidHostHeader, before the mode is asked): first,
     * so that a field value with a line break in it cannot end the head before it, unless the case's first field
     * begins with a space or tab (a continuation of the Host line, then), where it goes last.
     */
    static String head(DesyncCases.Case c) {
        String head = new String(c.rawHead(), StandardCharsets.ISO_8859_1);
        if (c.headers().stream().anyMatch(h -> h.getKey().equalsIgnoreCase("Host"))) {
            return head;
        }
        String host = "Host: fulcrum.test\r\n";
        String first = c.headers().isEmpty() ? "" : c.headers().get(0).getKey();
        if (!first.isEmpty() && (first.charAt(0) == ' ' || first.charAt(0) == '\t')) {
            return head.substring(0, head.length() - 2) + host + "\r\n";
        }
        int lineEnd = head.indexOf("\r\n") + 2;
        return head.substring(0, lineEnd) + host + head.substring(lineEnd);
    }

    /** A body for the framing the case's head announces, so a forwarded request is complete. */
    private static String body(DesyncCases.Case c) {
        for (Map.Entry<String, String> h : c.headers()) {
            if (h.getKey().equalsIgnoreCase("Transfer-Encoding")
                    && h.getValue().toLowerCase(Locale.ROOT).contains("chunked")) {
                return "0\r\n\r\n";
            }
        }
        for (Map.Entry<String, String> h : c.headers()) {
            if (h.getKey().equalsIgnoreCase("Content-Length") && h.getValue().strip().matches("\\d{1,5}")) {
                return "x".repeat(Integer.parseInt(h.getValue().strip()));
            }
        }
        return "";
    }

    private static boolean awaitQuietly(java.util.concurrent.Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(condition);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }
}
