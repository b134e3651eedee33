package dev.fulcrum.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.LbException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the request decoder refuses and with which outcome, on the codec alone: every failure it emits carries an
 * {@link LbException}, decided by the failure's type or, for Netty's untyped framing failures, by the headers.
 * (What the client then sees and the log says: the lab's 400/414/501/505 scenarios.)
 */
class RequestDecoderTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new RequestDecoder(RequestDecoder.albLimits()));

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
        "GET / HTTP/1.1 HTTP/1.1| REQUEST_MALFORMED",
        "GET / HTTP/1.          | REQUEST_MALFORMED",
        "GET / HTTP/            | REQUEST_MALFORMED",
        "GE\u0001T / HTTP/1.1   | REQUEST_MALFORMED"})
    void refusesARequestLineByWhatIsWrongWithIt(String line, LbError expected) {
        // HTTP/2.0 and HTTP/1.2 parse as versions: the request checks answer them 505 (RequestChecksTest).
        assertThat(outcome(decode(line.strip() + "\r\nHost: x\r\n\r\n"))).isEqualTo(expected);
    }

    @Test
    void aLineThatIsNoRequestLineGivesTheUnreadableStandIn() {
        List<HttpObject> decoded = decode("GARBAGE\r\n\r\n");
        assertThat(decoded.get(0)).isInstanceOf(RequestDecoder.UnreadableRequest.class);
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
        "Content-Length: 5\\r\\nTransfer-Encoding: chunked | INVALID_CONTENT_LENGTH",
        "Transfer-Encoding: gzip                          | UNSUPPORTED_TRANSFER_ENCODING",
        "Transfer-Encoding: chunked, chunked              | UNSUPPORTED_TRANSFER_ENCODING",
        "Transfer-Encoding: chunked, gzip                 | UNSUPPORTED_TRANSFER_ENCODING",
        "Bad Name: x                                      | REQUEST_MALFORMED"})
    void refusesFramingByTheRuleItBreaks(String headers, LbError expected) {
        String raw = "POST / HTTP/1.1\r\nHost: x\r\n" + headers.strip().replace("\\r\\n", "\r\n") + "\r\n\r\nhello";
        assertThat(outcome(decode(raw))).isEqualTo(expected);
    }

    @Test
    void refusesTransferEncodingOnHttp10AsMalformed() {
        assertThat(outcome(decode("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")))
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
