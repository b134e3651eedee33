package dev.fulcrum.desync;

import static dev.fulcrum.desync.Heads.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request heads as they come on the wire, each with the tier and reason ALB would log for it. The heads are read by
 * the raw entry point; those whose lines are well formed are also split into their parts (method up to the first
 * space, version after the last, each header at its first colon) and read by the split entry point, which must agree.
 */
class DesyncClassifierTest {

    private static final String POST = "POST /upload HTTP/1.1\r\nHost: example.com\r\n";
    private static final String GET = "GET /index.html HTTP/1.1\r\nHost: example.com\r\n";

    static List<Case> cases() {
        return List.of(
                // Compliant
                both(Reason.NONE, "a browser's page request is compliant", Heads.BROWSER),
                both(Reason.NONE, "every transfer coding in one list, spaces and tabs around them, is compliant",
                        POST + "Transfer-Encoding: gzip , deflate , \tidentity\t, compress\t, chunked\r\n\r\n"),
                both(Reason.NONE, "chunked with a parameter is compliant",
                        POST + "Transfer-Encoding: chunked;custom_param\r\n\r\n"),
                both(Reason.NONE, "a header name may have every tchar",
                        GET + "X-Symbols!#$%&'*+.^_`|~0123456789: 1\r\n\r\n"),
                both(Reason.NONE, "obs-text in a value is compliant",
                        GET + "X-Note: caf\u00e9 \u0080\u00ff\r\n\r\n"),
                both(Reason.NONE, "CR, LF and NUL percent-encoded in the target are compliant",
                        "GET /a%0D%0Ab%00c HTTP/1.1\r\nHost: example.com\r\n\r\n"),
                both(Reason.NONE, "a UTF-8 path is compliant",
                        "GET /" + utf8("страница/ページ") + " HTTP/1.1\r\nHost: example.com\r\n\r\n"),
                both(Reason.NONE, "an empty target between two spaces is compliant",
                        "GET  HTTP/1.1\r\nHost: example.com\r\n\r\n"),
                both(Reason.NONE, "HTTP/1.0 with a Content-Length is compliant",
                        "POST /form HTTP/1.0\r\nContent-Length: 12\r\n\r\n"),
                both(Reason.NONE, "the largest 64-bit Content-Length is compliant",
                        POST + "Content-Length: 18446744073709551615\r\n\r\n"),
                both(Reason.NONE, "names that only start like Content-Length are other headers",
                        GET + "Content-Language: en\r\nContent-Encoding: gzip\r\nContent-Lengths: 1\r\n\r\n"),
                both(Reason.NONE, "a value that spells Transfer-Encoding is only a value",
                        GET + "X-Test: Transfer-Encoding: chunked\r\n\r\n"),
                both(Reason.NONE, "HTTP/2 is out of scope, whatever its headers",
                        "GET / HTTP/2\r\nTransfer_Encoding: chunked\r\nContent-Length: 1,2\r\n\r\n"),
                rawOnly(Reason.NONE, "a folded Content-Type is let through",
                        POST + "Content-Type: multipart/mixed;\r\n boundary=frontier\r\nContent-Length: 0\r\n\r\n"),
                rawOnly(Reason.NONE, "bytes after the empty line are not read",
                        GET + "\r\nPOST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\u0000\r\n"),

                // Acceptable
                both(Reason.NON_COMPLIANT_HEADER, "a control in a header name is not compliant",
                        GET + "X-Trace\u0001: 1\r\n\r\n"),
                both(Reason.NON_COMPLIANT_HEADER, "a DEL in a header value is not compliant",
                        GET + "X-Comment: a\u007fb\r\n\r\n"),
                both(Reason.NON_COMPLIANT_HEADER, "a space before the colon of another header is not compliant",
                        GET + "X-Name : v\r\n\r\n"),
                rawOnly(Reason.NON_COMPLIANT_HEADER, "a control in a folded Content-Type is only not compliant",
                        POST + "Content-Type: text/plain;\r\n \u0001charset=utf-8\r\n\r\n"),
                both(Reason.SPACE_IN_URI, "a space in the target is acceptable",
                        "GET /a b HTTP/1.1\r\nHost: example.com\r\n\r\n"),
                both(Reason.SPACE_IN_URI, "spaces in the query are acceptable",
                        "GET /search?q=two words here HTTP/1.1\r\nHost: example.com\r\n\r\n"),
                both(Reason.NON_COMPLIANT_VERSION, "HTTP/1.2 is acceptable",
                        "GET / HTTP/1.2\r\nHost: example.com\r\n\r\n"),
                both(Reason.NON_COMPLIANT_VERSION, "a request line without a version is HTTP/0.9",
                        "GET /index.html\r\nHost: example.com\r\n\r\n"),
                rawOnly(Reason.NON_COMPLIANT_VERSION, "a space after the version is acceptable",
                        "GET / HTTP/1.1 \r\nHost: example.com\r\n\r\n"),
                both(Reason.GET_HEAD_ZERO_CONTENT_LENGTH, "a GET with Content-Length 0 is acceptable",
                        GET + "Content-Length: 0\r\n\r\n"),
                both(Reason.GET_HEAD_ZERO_CONTENT_LENGTH, "a HEAD with Content-Length 0 is acceptable",
                        "HEAD / HTTP/1.1\r\nContent-Length:  0 \r\n\r\n"),
                rawOnly(Reason.NON_CR_LF_LINE_TERMINATION, "bare LF line ends are acceptable",
                        "GET / HTTP/1.1\nHost: example.com\nAccept: */*\n\n"),
                rawOnly(Reason.NON_CR_LF_LINE_TERMINATION, "one bare LF among CRLFs is acceptable",
                        GET + "Accept: */*\r\n\n"),

                // Ambiguous
                both(Reason.EMPTY_HEADER, "a header with no name is ambiguous", GET + ": value\r\n\r\n"),
                both(Reason.EMPTY_HEADER, "a header named by a colon is ambiguous", GET + "::1\r\n\r\n"),
                both(Reason.AMBIGUOUS_URI, "a tab in the target is ambiguous",
                        "GET /a\tHTTP/1.1 HTTP/1.1\r\nHost: example.com\r\n\r\n"),
                both(Reason.AMBIGUOUS_URI, "a control in the target is ambiguous",
                        "GET /a\u0001b HTTP/1.1\r\nHost: example.com\r\n\r\n"),
                both(Reason.UNDEFINED_CONTENT_LENGTH_SEMANTICS, "a GET with a body length is ambiguous",
                        GET + "Content-Length: 10\r\n\r\n"),
                both(Reason.UNDEFINED_CONTENT_LENGTH_SEMANTICS, "an HTTP/0.9 request with a body length is ambiguous",
                        "POST /upload\r\nContent-Length: 5\r\n\r\n"),
                both(Reason.UNDEFINED_TRANSFER_ENCODING_SEMANTICS, "a HEAD with Transfer-Encoding is ambiguous",
                        "HEAD / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
                both(Reason.UNDEFINED_TRANSFER_ENCODING_SEMANTICS, "HTTP/1.0 with Transfer-Encoding is ambiguous",
                        "POST /upload HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 1\r\n\r\n"),
                both(Reason.DUPLICATE_CONTENT_LENGTH, "the same Content-Length twice is ambiguous",
                        POST + "Content-Length: 42\r\nContent-Length: 42\r\n\r\n"),
                both(Reason.DUPLICATE_CONTENT_LENGTH, "the same Content-Length in two spellings is ambiguous",
                        POST + "Content-Length: 7\r\ncontent-length:7 \r\n\r\n"),
                both(Reason.BOTH_TE_CL_PRESENT, "chunked and a Content-Length are ambiguous",
                        POST + "Transfer-Encoding: chunked\r\nContent-Length: 10\r\n\r\n"),
                both(Reason.BOTH_TE_CL_PRESENT, "any Transfer-Encoding with a Content-Length is ambiguous",
                        POST + "Content-Length: 10\r\nTRANSFER-ENCODING: gzip\r\n\r\n"),
                both(Reason.SUSPICIOUS_HEADER, "Transfer-Encoding with a space before the colon is suspicious",
                        POST + "Transfer-Encoding : chunked\r\n\r\n"),
                both(Reason.SUSPICIOUS_HEADER, "Content_Length is suspicious", POST + "Content_Length: 5\r\n\r\n"),
                both(Reason.SUSPICIOUS_HEADER, "a long s in Transfer-Encoding is suspicious",
                        POST + "Tran" + utf8("ſ") + "fer-Encoding: chunked\r\n\r\n"),
                both(Reason.SUSPICIOUS_HEADER, "a dotless i in Transfer-Encoding is suspicious",
                        POST + "Transfer-Encod" + utf8("ı") + "ng: chunked\r\n\r\n"),
                both(Reason.SUSPICIOUS_HEADER, "a Unicode dash in Transfer-Encoding is suspicious",
                        POST + "Transfer" + utf8("―") + "Encoding: chunked\r\n\r\n"),
                both(Reason.SUSPICIOUS_HEADER, "repeated hyphens in Content-Length are suspicious",
                        POST + "Content--Length: 5\r\n\r\n"),
                both(Reason.SUSPICIOUS_HEADER, "a control before Content-Length is suspicious",
                        POST + "\u0001Content-Length: 5\r\n\r\n"),
                both(Reason.SUSPICIOUS_HEADER, "a Unicode space after Content-Length is suspicious",
                        POST + "Content-Length" + utf8("\u2003") + ": 5\r\n\r\n"),
                both(Reason.SUSPICIOUS_HEADER, "a non-ASCII byte inside a word of Transfer-Encoding is suspicious",
                        POST + "TRANS\u00a0FER_ENCODING: chunked\r\n\r\n"),
                rawOnly(Reason.MULTILINE_HEADER, "a folded value is ambiguous",
                        GET + "X-Long: first\r\n second\r\n\r\n"),
                rawOnly(Reason.MULTILINE_HEADER, "a header hidden behind a leading space is ambiguous",
                        POST + " Transfer-Encoding: chunked\r\n\r\n"),
                rawOnly(Reason.MULTILINE_HEADER, "the raw parser's finding ranks first among equally severe ones",
                        POST + "Content_Length: 1\r\nX-Long: a\r\n\tb\r\n\r\n"),
                rawOnly(Reason.PARTIAL_HEADER_LINE, "a head cut inside a header line is ambiguous",
                        GET + "Accept: */"),
                rawOnly(Reason.PARTIAL_HEADER_LINE, "a request line without its line end is ambiguous",
                        "GET / HTTP/1.1"),
                rawOnly(Reason.MISSING_LAST_EMPTY_LINE, "a head without its empty line is ambiguous", GET),
                rawOnly(Reason.MISSING_LAST_EMPTY_LINE, "a request line alone is ambiguous", "GET / HTTP/1.1\r\n"),
                rawOnly(Reason.MISSING_HEADER_COLON, "a header line without a colon is ambiguous",
                        GET + "My-Header\r\nAccept: */*\r\n\r\n"),
                rawOnly(Reason.MISSING_HEADER_COLON, "Transfer-Encoding without its colon is ambiguous",
                        POST + "Transfer-Encoding chunked\r\n\r\n"),
                rawOnly(Reason.MISSING_URI, "a request line without a target is ambiguous",
                        "GET HTTP/1.1\r\nHost: example.com\r\n\r\n"),
                rawOnly(Reason.MISSING_URI, "a method and a space alone are ambiguous", "OPTIONS \r\n\r\n"),

                // Severe
                rawOnly(Reason.BAD_HEADER, "a lone CR in a header value is severe",
                        GET + "X-Smuggle: a\rTransfer-Encoding: chunked\r\n\r\n"),
                both(Reason.BAD_HEADER, "a NUL at the start of a header name is severe", GET + "\u0000X: y\r\n\r\n"),
                both(Reason.BAD_HEADER, "a NUL in a value is severe", GET + "Accept-Encoding: gzip, \u0000br\r\n\r\n"),
                rawOnly(Reason.BAD_HEADER, "a line that starts with CR is severe",
                        GET + "\rContent-Length: 10\r\n\r\n"),
                rawOnly(Reason.BAD_HEADER, "a NUL in a folded Content-Type is severe",
                        POST + "Content-Type: text/plain;\r\n \u0000GET /admin HTTP/1.1\r\n\r\n"),
                both(Reason.BAD_HEADER, "a header's bad byte outranks an equally bad target",
                        "GET /a\u0000b HTTP/1.1\r\nX-A: \u0000\r\n\r\n"),
                both(Reason.BAD_HEADER, "a severe header wins over an earlier suspicious one",
                        POST + "Transfer_Encoding: chunked\r\nX-A: a\u0000\r\n\r\n"),
                both(Reason.BAD_URI, "a NUL in the target is severe", "GET /a\u0000b HTTP/1.1\r\n\r\n"),
                both(Reason.BAD_URI, "a lone CR in the target is severe",
                        "GET /a\rHTTP/1.1 HTTP/1.1\r\nHost: example.com\r\n\r\n"),
                both(Reason.BAD_VERSION, "a version with a letter after it is severe", "GET / HTTP/1.1x\r\n\r\n"),
                both(Reason.BAD_VERSION, "a misspelt version is severe", "GET / HTTX/1.1\r\n\r\n"),
                rawOnly(Reason.BAD_VERSION, "words after the version are severe",
                        "GET / HTTP/1.1 " + utf8("абра кадабра") + "\r\n\r\n"),
                both(Reason.BAD_METHOD, "a control in the method is severe", "GE\u0001T / HTTP/1.1\r\n\r\n"),
                both(Reason.BAD_METHOD, "an empty method is severe", " / HTTP/1.1\r\nHost: example.com\r\n\r\n"),
                rawOnly(Reason.BAD_METHOD, "tabs instead of spaces in the request line are severe",
                        "GET\t/\tHTTP/1.1\r\nHost: example.com\r\n\r\n"),
                both(Reason.MULTIPLE_CONTENT_LENGTH, "two different Content-Length values are severe",
                        POST + "Content-Length: 1000\r\nContent-Length: 100\r\n\r\n"),
                both(Reason.MULTIPLE_CONTENT_LENGTH, "a Content-Length look-alike with another value is severe",
                        POST + "Content-Length : 100\r\nContent-Length: 1000\r\n\r\n"),
                rawOnly(Reason.MULTIPLE_CONTENT_LENGTH, "a Content-Length hidden in a fold counts as one",
                        GET + "X-A: a\r\n Content-Length: 10\r\nContent-Length: 100\r\n\r\n"),
                both(Reason.BAD_CONTENT_LENGTH, "a list of lengths is severe",
                        POST + "Content-Length: 1000,1000\r\n\r\n"),
                both(Reason.BAD_CONTENT_LENGTH, "a negative length is severe", POST + "Content-Length: -1\r\n\r\n"),
                both(Reason.BAD_CONTENT_LENGTH, "a length of 2^64 is severe",
                        POST + "Content-Length: 18446744073709551616\r\n\r\n"),
                both(Reason.BAD_CONTENT_LENGTH, "an empty length is severe", POST + "Content-Length: \r\n\r\n"),
                both(Reason.BAD_CONTENT_LENGTH, "a no-break space after the length is severe",
                        POST + "Content-Length: 10\u00a0\r\n\r\n"),
                both(Reason.MULTIPLE_TRANSFER_ENCODING_CHUNKED, "chunked twice in one list is severe",
                        POST + "Transfer-Encoding: chunked, chunked\r\n\r\n"),
                both(Reason.MULTIPLE_TRANSFER_ENCODING_CHUNKED, "chunked in two headers is severe",
                        POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"),
                both(Reason.MULTIPLE_TRANSFER_ENCODING_CHUNKED, "chunked twice with another coding between is severe",
                        POST + "Transfer-Encoding: chunked, gzip, chunked\r\n\r\n"),
                both(Reason.BAD_TRANSFER_ENCODING, "an unknown coding is severe",
                        POST + "Transfer-Encoding: xchunked\r\n\r\n"),
                both(Reason.BAD_TRANSFER_ENCODING, "an empty coding after a comma is severe",
                        POST + "Transfer-Encoding: chunked,\r\n\r\n"),
                both(Reason.BAD_TRANSFER_ENCODING, "a no-break space after chunked is severe",
                        POST + "Transfer-Encoding: chunked\u00a0\r\n\r\n"),
                both(Reason.BAD_TRANSFER_ENCODING, "Transfer-Encoding findings rank before Content-Length ones",
                        POST + "Content-Length: 1,2\r\nTransfer-Encoding: xchunked\r\n\r\n"));
    }

    static Stream<Case> splitCases() {
        return cases().stream().filter(Case::split);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givesEachRawHeadItsTierAndReason(Case c) {
        byte[] raw = Heads.bytes(c.head());

        Classification verdict = DesyncClassifier.classify(raw, 0, raw.length);

        assertThat(verdict.reason()).as(verdict.detail()).isEqualTo(c.reason());
        assertThat(verdict.tier()).isEqualTo(c.reason().tier());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splitCases")
    void givesTheSameRequestSplitIntoItsPartsTheSameTierAndReason(Case c) {
        Split s = Split.of(c.head());

        Classification verdict = DesyncClassifier.classify(s.method(), s.uri(), s.version(), s.headers());

        assertThat(verdict.reason()).as(verdict.detail()).isEqualTo(c.reason());
        assertThat(verdict.tier()).isEqualTo(c.reason().tier());
    }

    @Test
    void everyReasonAndEveryTierHasAtLeastTwoCases() {
        Map<Reason, Long> perReason = cases().stream()
                .collect(Collectors.groupingBy(Case::reason, Collectors.counting()));
        Map<Tier, Long> perTier = cases().stream()
                .collect(Collectors.groupingBy(c -> c.reason().tier(), Collectors.counting()));

        assertThat(EnumSet.allOf(Reason.class)).allSatisfy(r -> assertThat(perReason.get(r)).as(r.code())
                .isGreaterThanOrEqualTo(2L));
        assertThat(EnumSet.allOf(Tier.class)).allSatisfy(t -> assertThat(perTier.get(t)).as(t.name())
                .isGreaterThanOrEqualTo(2L));
    }

    @Test
    void findsAControlAtEveryPlaceOfALongValue() {
        Map<Character, Reason> found = Map.of('\u0001', Reason.NON_COMPLIANT_HEADER, '\u007f',
                Reason.NON_COMPLIANT_HEADER, '\u0000', Reason.BAD_HEADER, '\r', Reason.BAD_HEADER, '\t', Reason.NONE);
        String value = "0123456789abcdefghijklmnopqrstuvwxyzABCD";
        for (int at = 0; at < value.length(); at++) {
            for (Map.Entry<Character, Reason> control : found.entrySet()) {
                String head = GET + "X-Long: " + value.substring(0, at) + control.getKey() + value.substring(at)
                        + "\r\n\r\n";
                byte[] raw = Heads.bytes(head);

                assertThat(DesyncClassifier.classify(raw, 0, raw.length).reason()).as("at %d", at)
                        .isEqualTo(control.getValue());
            }
        }
    }

    @Test
    void letsEveryByteFrom0x80To0xffThroughInAValue() {
        StringBuilder value = new StringBuilder();
        for (char c = 0x80; c <= 0xFF; c++) {
            value.append(c);
        }
        byte[] raw = Heads.bytes(GET + "X-Obs-Text: " + value + "\r\n\r\n");

        assertThat(DesyncClassifier.classify(raw, 0, raw.length)).isEqualTo(Classification.COMPLIANT);
    }

    @Test
    void readsOnlyTheRangeItIsGiven() {
        byte[] head = Heads.bytes(POST + "Transfer-Encoding: chunked\r\n\r\n");
        byte[] framed = new byte[head.length + 20];
        Arrays.fill(framed, (byte) 0);
        System.arraycopy(head, 0, framed, 10, head.length);

        assertThat(DesyncClassifier.classify(framed, 10, head.length)).isEqualTo(Classification.COMPLIANT);
        assertThat(DesyncClassifier.classify(framed, 10, head.length - 2).reason())
                .isEqualTo(Reason.MISSING_LAST_EMPTY_LINE);
    }

    @Test
    void namesTheOffendingPartInTheDetailWithControlsEscaped() {
        byte[] raw = Heads.bytes(
                POST + "Transfer-Encoding\t: chunked\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n");

        assertThat(DesyncClassifier.classify(raw, 0, raw.length)).isEqualTo(new Classification(Tier.SEVERE,
                Reason.MULTIPLE_CONTENT_LENGTH, "Content-Length 6 after 5"));
        assertThat(DesyncClassifier.classify("PUT", "/", "HTTP/1.1", List.of(Map.entry("Transfer-Encoding\t", "gzip"))))
                .isEqualTo(new Classification(Tier.AMBIGUOUS, Reason.SUSPICIOUS_HEADER,
                        "header \"Transfer-Encoding\\t\" looks like Transfer-Encoding"));
    }

    @Test
    void readsAnEmptyVersionAsHttp09() {
        assertThat(DesyncClassifier.classify("GET", "/", "", List.of()).reason())
                .isEqualTo(Reason.NON_COMPLIANT_VERSION);
        assertThat(DesyncClassifier.classify("POST", "/", "", List.of(Map.entry("Transfer-Encoding", "chunked")))
                .reason()).isEqualTo(Reason.UNDEFINED_TRANSFER_ENCODING_SEMANTICS);
    }

    @Test
    void findsWhatOnlyASplitRequestCanHave() {
        assertThat(DesyncClassifier.classify("GET", "/", "HTTP/1.1 HTTP/1.1", List.of()).reason())
                .isEqualTo(Reason.BAD_VERSION);
        assertThat(DesyncClassifier.classify("GET", "/a\nb", "HTTP/1.1", List.of()).reason())
                .isEqualTo(Reason.BAD_URI);
        assertThat(DesyncClassifier.classify("GET", "/", "HTTP/1.1", List.of(Map.entry(":authority", "a"))).reason())
                .isEqualTo(Reason.EMPTY_HEADER);
        assertThat(DesyncClassifier.classify("GET", "/", "HTTP/1.1", List.of(Map.entry("X-A", "a\n b"))).reason())
                .isEqualTo(Reason.BAD_HEADER);
        assertThat(DesyncClassifier.classify("GET", "/", "HTTP/1.1", List.of(Map.entry("X-A\r", "b"))).reason())
                .isEqualTo(Reason.BAD_HEADER);
    }

    @Test
    void readsCharsAboveOneByteAsTheirUtf8Bytes() {
        List<Map.Entry<String, String>> longS = List.of(Map.entry("Tranſfer-Encoding", "chunked"));

        assertThat(DesyncClassifier.classify("POST", "/", "HTTP/1.1", longS).reason())
                .isEqualTo(Reason.SUSPICIOUS_HEADER);
        assertThat(DesyncClassifier.classify("GET", "/страница", "HTTP/1.1", List.of()))
                .isEqualTo(Classification.COMPLIANT);
    }

    @Test
    void countsNullPartsAsEmpty() {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(null);
        headers.add(new SimpleEntry<>(null, null));

        assertThat(DesyncClassifier.classify(null, null, null, null).reason()).isEqualTo(Reason.BAD_METHOD);
        assertThat(DesyncClassifier.classify("GET", "/", "HTTP/1.1", headers).reason())
                .isEqualTo(Reason.EMPTY_HEADER);
    }

    @Test
    void writesTheCodesAndTiersAlbLogs() {
        Function<Tier, List<String>> codes = tier -> Arrays.stream(Reason.values()).filter(r -> r.tier() == tier)
                .map(Reason::code).toList();

        assertThat(Arrays.stream(Tier.values()).map(Tier::logValue))
                .containsExactly("-", "Acceptable", "Ambiguous", "Severe");
        assertThat(codes.apply(Tier.COMPLIANT)).containsExactly("-");
        assertThat(codes.apply(Tier.ACCEPTABLE)).containsExactlyInAnyOrder("NonCompliantHeader", "SpaceInUri",
                "NonCompliantVersion", "GetHeadZeroContentLength", "NonCrLfLineTermination");
        assertThat(codes.apply(Tier.AMBIGUOUS)).containsExactlyInAnyOrder("EmptyHeader", "AmbiguousUri",
                "UndefinedContentLengthSemantics", "UndefinedTransferEncodingSemantics", "DuplicateContentLength",
                "BothTeClPresent", "SuspiciousHeader", "MultilineHeader", "PartialHeaderLine", "MissingLastEmptyLine",
                "MissingHeaderColon", "MissingUri");
        assertThat(codes.apply(Tier.SEVERE)).containsExactlyInAnyOrder("BadHeader", "BadUri", "BadVersion",
                "BadMethod", "MultipleContentLength", "BadContentLength", "MultipleTransferEncodingChunked",
                "BadTransferEncoding");
    }

    @Test
    void givesNoReasonToACompliantRequestAndOneToEveryOther() {
        assertThat(Classification.COMPLIANT.isCompliant()).isTrue();
        assertThat(Classification.COMPLIANT.reason().code()).isEqualTo("-");
        assertThat(Classification.COMPLIANT.tier().logValue()).isEqualTo("-");
        for (Reason reason : Reason.values()) {
            for (Tier tier : Tier.values()) {
                boolean valid = (tier == Tier.COMPLIANT) == (reason == Reason.NONE);
                try {
                    new Classification(tier, reason, "");
                    assertThat(valid).as(tier + " " + reason).isTrue();
                } catch (IllegalArgumentException e) {
                    assertThat(valid).as(tier + " " + reason).isFalse();
                }
            }
        }
    }

    /** A head and its verdict; {@code split} when its lines are well formed enough to be split into parts. */
    record Case(String behaviour, String head, Reason reason, boolean split) {
        @Override
        public String toString() {
            return behaviour;
        }
    }

    private static Case both(Reason reason, String behaviour, String head) {
        return new Case(behaviour, head, reason, true);
    }

    private static Case rawOnly(Reason reason, String behaviour, String head) {
        return new Case(behaviour, head, reason, false);
    }

    /** A well-formed head split as a parser would hand it over: values keep the whitespace after the colon. */
    record Split(String method, String uri, String version, List<Map.Entry<String, String>> headers) {
        static Split of(String head) {
            String[] lines = head.split("\r\n", -1);
            String requestLine = lines[0];
            int first = requestLine.indexOf(' ');
            int last = requestLine.lastIndexOf(' ');
            String method = requestLine.substring(0, first);
            String uri = last > first ? requestLine.substring(first + 1, last) : requestLine.substring(first + 1);
            String version = last > first ? requestLine.substring(last + 1) : "";
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
                int colon = lines[i].indexOf(':');
                headers.add(Map.entry(lines[i].substring(0, colon), lines[i].substring(colon + 1)));
            }
            return new Split(method, uri, version, headers);
        }
    }
}
