package dev.fulcrum.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.LbException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the request decoder refuses and with which outcome, on the codec alone: every failure it emits carries an
 * {@link LbException}, decided by the failure's type or, for Netty's untyped framing failures, by the headers.
 * (What the client then sees and the log says: the lab's 400/414/501/505 scenarios.)
 */
class Http1RequestDecoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new Http1RequestDecoder());

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private List<HttpObject> decode(String raw) {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.ISO_8859_1));
        List<HttpObject> out = new ArrayList<>();
        HttpObject o;
        while ((o = channel.readInbound()) != null) {
            out.add(o);
        }
        return out;
    }

    private static LbError outcome(List<HttpObject> decoded) {
        try {
            HttpObject failed = decoded.stream().filter(o -> o.decoderResult().isFailure()).findFirst().orElseThrow(
                    () -> new AssertionError("nothing refused in " + decoded));
            assertThat(failed.decoderResult().cause()).isInstanceOf(LbException.class);
            return ((LbException) failed.decoderResult().cause()).error();
        } finally {
            decoded.forEach(ReferenceCountUtil::release);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "GET / HTTP/2           | HTTP_VERSION_NOT_SUPPORTED",
        "GET / HTTP/10.0        | HTTP_VERSION_NOT_SUPPORTED",
        "GET / FOO/1.1          | REQUEST_MALFORMED",
        "GET / HTTP/1.          | REQUEST_MALFORMED",
        "GET / HTTP/            | REQUEST_MALFORMED",
        "GE\u0001T / HTTP/1.1   | REQUEST_MALFORMED"})
    void refusesARequestLineByWhatIsWrongWithIt(String line, LbError expected) {
        // HTTP/2.0 and HTTP/0.9 parse as versions: the request checks answer them 505 (RequestChecksTest).
        assertThat(outcome(decode(line.strip() + "\r\nHost: x\r\n\r\n"))).isEqualTo(expected);
    }

    @Test
    void aLineThatIsNoRequestLineGivesTheUnreadableStandIn() {
        List<HttpObject> decoded = decode("GARBAGE\r\n\r\n");
        assertThat(decoded.get(0)).isInstanceOf(Http1RequestDecoder.UnreadableRequest.class);
        assertThat(outcome(decoded)).isEqualTo(LbError.REQUEST_MALFORMED);
    }

    @Test
    void refusesOverlongRequestLinesAndHeaders() {
        assertThat(outcome(decode("GET /" + "a".repeat(17 * 1024) + " HTTP/1.1\r\n\r\n")))
                .isEqualTo(LbError.REQUEST_LINE_TOO_LONG);
    }

    @Test
    void refusesHeadersOver64KiB() {
        StringBuilder req = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
        for (int i = 0; i < 5; i++) {
            req.append("X-Part-").append(i).append(": ").append("a".repeat(14 * 1024)).append("\r\n");
        }
        assertThat(outcome(decode(req.append("\r\n").toString()))).isEqualTo(LbError.REQUEST_HEADERS_TOO_LARGE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Content-Length: abc                              | INVALID_CONTENT_LENGTH",
        "Content-Length: 5\\r\\nContent-Length: 6        | INVALID_CONTENT_LENGTH",
        "Content-Length: 5, 6                             | INVALID_CONTENT_LENGTH",
        "Transfer-Encoding: gzip                          | UNSUPPORTED_TRANSFER_ENCODING",
        "Transfer-Encoding: xchunked                      | UNSUPPORTED_TRANSFER_ENCODING",
        "Transfer-Encoding: identity, gzip                | UNSUPPORTED_TRANSFER_ENCODING",
        "Transfer-Encoding: chunked, gzip                 | UNSUPPORTED_TRANSFER_ENCODING",
        "Content-Length: -1                               | INVALID_CONTENT_LENGTH"})
    void refusesFramingByTheRuleItBreaks(String headers, LbError expected) {
        String raw = "POST / HTTP/1.1\r\nHost: x\r\n" + headers.strip().replace("\\r\\n", "\r\n") + "\r\n\r\nhello";
        assertThat(outcome(decode(raw))).isEqualTo(expected);
    }

    /** Fulcrum's reading, which is what the target gets: one framing, no header a strict parser would refuse. */
    private HttpRequest read(String raw) {
        List<HttpObject> decoded = decode(raw);
        assertThat(decoded).allSatisfy(o -> assertThat(o.decoderResult().isSuccess()).as(o.toString()).isTrue());
        decoded.subList(1, decoded.size()).forEach(ReferenceCountUtil::release);
        return (HttpRequest) decoded.get(0);
    }

    @Test
    void framesByTransferEncodingAndDropsTheContentLengthBesideIt() {
        HttpRequest r = read("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\n");
        assertThat(r.headers().getAll("Transfer-Encoding")).containsExactly("chunked");
        assertThat(r.headers().contains("Content-Length")).isFalse();
    }

    @Test
    void passesOnTheCodingsAsOneListEndingInChunked() {
        assertThat(read("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip , Chunked;ext=1\r\n"
                + "Transfer-Encoding: identity\r\n\r\n0\r\n\r\n").headers().getAll("Transfer-Encoding"))
                .containsExactly("gzip, chunked");
        assertThat(read("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity , Chunked;ext=1\r\n"
                + "\r\n0\r\n\r\n").headers().getAll("Transfer-Encoding")).containsExactly("chunked");
        assertThat(read("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n")
                .headers().getAll("Transfer-Encoding")).as("chunked once").containsExactly("chunked");
        assertThat(read("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").headers()
                .get("Transfer-Encoding")).as("on HTTP/1.0 too").isEqualTo("chunked");
        assertThat(read("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\nContent-Length: 0\r\n\r\n")
                .headers().contains("Transfer-Encoding")).as("identity alone is no coding").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "chunked, gzip", "deflate, identity", "xchunked", "chunk", "gzip, xchunked"})
    void refusesAnUnknownCodingOrOneWhoseLastIsNotChunkedWith501(String codings) {
        assertThat(outcome(decode("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + codings
                + "\r\n\r\n0\r\n\r\n"))).isEqualTo(LbError.UNSUPPORTED_TRANSFER_ENCODING);
    }

    @Test
    void readsALaterHttp1MinorVersionAsHttp11() {
        HttpRequest r = read("GET / HTTP/1.2\r\nHost: x\r\n\r\n");
        assertThat(r.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
        assertThat(read("GET / http/1.9\r\nHost: x\r\n\r\n").protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void aContentLengthWithAControlByteStillFramesAndSoIsRefused() {
        assertThat(outcome(decode("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\u0001\r\n\r\nhello")))
                .isEqualTo(LbError.INVALID_CONTENT_LENGTH);
    }

    @Test
    void aTransferEncodingWithAControlByteStillFramesAndSoIsRefused() {
        assertThat(outcome(decode("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\u0000\r\n\r\n")))
                .isEqualTo(LbError.UNSUPPORTED_TRANSFER_ENCODING);
    }

    @Test
    void nothingAfterAFailureIsRead() {
        assertThat(outcome(decode("GARBAGE\r\n\r\n"))).isEqualTo(LbError.REQUEST_MALFORMED);
        assertThat(decode("GET / HTTP/1.1\r\nHost: x\r\n\r\n")).isEmpty();
    }

    @Test
    void repeatedEqualContentLengthsAreOne() {
        assertThat(read("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5, 5\r\n\r\nhello")
                .headers().getAll("Content-Length")).containsExactly("5");
    }

    @Test
    void doesNotPassOnWhatNoStrictParserWouldRead() {
        HttpRequest r = read("GET / HTTP/1.1\r\nHost: x\r\nBad Name: x\r\nNo-Colon\r\n: empty name\r\n"
                + "Transfer-Encoding : chunked\r\nContent_Length: 5\r\nX-Ctl: a\u0001b\r\nX-Ok: fine \t\r\n\r\n");
        assertThat(r.headers().names()).as("Content_Length would be Content-Length to a lenient target")
                .containsExactlyInAnyOrder("Host", "X-Ok");
        assertThat(r.headers().get("X-Ok")).isEqualTo("fine");
        // The suspicious framing header neither frames the body nor goes on: the request has none.
        assertThat(r.headers().contains("Transfer-Encoding")).isFalse();
    }

    @Test
    void joinsAFoldedLineWithOneSpace() {
        assertThat(read("GET / HTTP/1.1\r\nHost: x\r\nX-Long: one\r\n \t two\r\n\tthree\r\n\r\n").headers()
                .get("X-Long")).isEqualTo("one two three");
    }

    @Test
    void splitsTheRequestLineAtItsFirstAndLastSpaces() {
        HttpRequest r = read("GET / HTTP/1.1 HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(r.uri()).as("the checks refuse the space in it").isEqualTo("/ HTTP/1.1");
        assertThat(read("GET /a b HTTP/1.1 \t\r\nHost: x\r\n\r\n").uri()).isEqualTo("/a b");
        assertThat(read("\r\n\r\nGET /after-empty-lines HTTP/1.1\nHost: x\n\n").uri()).isEqualTo("/after-empty-lines");
    }

    @Test
    void readsChunkedBodiesWithExtensionsAndTrailers() {
        List<HttpObject> decoded = decode("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n6\n world\n0\r\nX-Sum: 1\r\nContent-Length: 9\r\n\r\n");
        StringBuilder body = new StringBuilder();
        for (HttpObject o : decoded.subList(1, decoded.size())) {
            body.append(((HttpContent) o).content().toString(StandardCharsets.ISO_8859_1));
        }
        LastHttpContent last = (LastHttpContent) decoded.get(decoded.size() - 1);
        assertThat(body).hasToString("hello world");
        assertThat(last.trailingHeaders().get("X-Sum")).isEqualTo("1");
        assertThat(last.trailingHeaders().contains("Content-Length")).as("no framing in trailers").isFalse();
        decoded.forEach(ReferenceCountUtil::release);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"zz\r\n", "5\r\nhelloX\r\n", "5\rhello\r\n",
            "1234567890123456\r\n", "5;\u0000\r\n"})
    void refusesABadChunk(String chunk) {
        assertThat(outcome(decode("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk)))
                .isEqualTo(LbError.REQUEST_MALFORMED);
    }

    @Test
    void aBadChunkFailsTheBodyAsMalformedAfterTheHeadWentThrough() {
        List<HttpObject> decoded = decode("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\nzz\r\n");
        assertThat(decoded.get(0)).isInstanceOf(HttpRequest.class);
        assertThat(decoded.get(0).decoderResult().isSuccess()).isTrue();
        assertThat(decoded.get(decoded.size() - 1)).isInstanceOf(HttpContent.class);
        assertThat(outcome(decoded)).isEqualTo(LbError.REQUEST_MALFORMED);
    }

    @Test
    void aClientThatClosesInTheMiddleOfItsHeadersLeftAMalformedRequest() {
        assertThat(decode("GET / HTTP/1.1\r\nHost: x\r\nX-Hal")).isEmpty();
        channel.close();
        List<HttpObject> decoded = new ArrayList<>();
        HttpObject o;
        while ((o = channel.readInbound()) != null) {
            decoded.add(o);
        }
        assertThat(outcome(decoded)).isEqualTo(LbError.REQUEST_MALFORMED);
    }

    @Test
    void decodesAWellFormedRequestWithoutFailure() {
        List<HttpObject> decoded = decode("POST /ok HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
        assertThat(decoded).allSatisfy(o -> assertThat(o.decoderResult().isSuccess()).isTrue());
        assertThat(((HttpRequest) decoded.get(0)).uri()).isEqualTo("/ok");
        decoded.forEach(ReferenceCountUtil::release);
    }
}
