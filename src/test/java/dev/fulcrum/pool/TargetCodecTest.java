package dev.fulcrum.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.LbException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a target's response head is read, what is repaired and what is refused, on the codec alone: every refusal is a
 * failed decoder result carrying its outcome. (The 502 these become on the wire and in the log: the lab's
 * malformed-response scenarios and {@code TargetResponseEndToEndTest}.)
 */
class TargetCodecTest {

    private final EmbeddedChannel channel = new EmbeddedChannel(new TargetCodec(
            TargetConnectionPool.MAX_STATUS_LINE_BYTES, TargetConnectionPool.MAX_RESPONSE_HEADER_BYTES,
            TargetConnectionPool.MAX_CHUNK_BYTES));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** Sends a request (so the codec knows what the response answers), then feeds {@code response}. */
    private List<HttpObject> exchange(HttpMethod method, String response) {
        assertThat(channel.writeOutbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, "/"))).isTrue();
        ReferenceCountUtil.release(channel.readOutbound());
        channel.writeInbound(Unpooled.copiedBuffer(response, StandardCharsets.ISO_8859_1));
        return inbound();
    }

    private List<HttpObject> inbound() {
        List<HttpObject> out = new ArrayList<>();
        HttpObject o;
        while ((o = channel.readInbound()) != null) {
            out.add(o);
        }
        return out;
    }

    private static LbError failure(List<HttpObject> decoded) {
        HttpObject failed = decoded.stream().filter(o -> o.decoderResult().isFailure()).findFirst().orElseThrow();
        assertThat(failed.decoderResult().cause()).isInstanceOf(LbException.class);
        decoded.forEach(ReferenceCountUtil::release);
        return ((LbException) failed.decoderResult().cause()).error();
    }

    private static String body(List<HttpObject> decoded) {
        StringBuilder b = new StringBuilder();
        for (HttpObject o : decoded) {
            if (o instanceof HttpContent c) {
                b.append(c.content().toString(StandardCharsets.ISO_8859_1));
            }
            ReferenceCountUtil.release(o);
        }
        return b.toString();
    }

    @Test
    void refusesATargetHeaderNameWithASpaceInside() {
        assertThat(failure(exchange(HttpMethod.GET, "HTTP/1.1 200 OK\r\nBad Name: x\r\nContent-Length: 2\r\n\r\nok")))
                .isEqualTo(LbError.TARGET_RESPONSE_MALFORMED);
    }

    /** "2" would otherwise pass for an interim response: the client got it, then a 502 for the same request. */
    @ParameterizedTest
    @ValueSource(strings = {"2", "20", "0200", "999", "600", "099", "2x0", "-20"})
    void refusesAStatusCodeThatIsNotThreeDigitsFrom100To599(String code) {
        assertThat(failure(exchange(HttpMethod.GET, "HTTP/1.1 " + code + " Found\r\nContent-Length: 0\r\n\r\n")))
                .isEqualTo(LbError.TARGET_RESPONSE_MALFORMED);
    }

    @Test
    void removesWhitespaceBetweenATargetHeaderNameAndItsColon() {
        List<HttpObject> decoded = exchange(HttpMethod.GET, "HTTP/1.1 200 OK\r\nX-Name \t: v\r\nContent-Length: 2\r\n\r\nok");
        HttpResponse head = (HttpResponse) decoded.get(0);
        assertThat(head.decoderResult().isSuccess()).isTrue();
        assertThat(head.headers().get("X-Name")).isEqualTo("v");
        assertThat(body(decoded)).isEqualTo("ok");
    }

    @Test
    void aHeadResponseHasNoBodyAndTheNextResponseOnTheConnectionReadsWhole() {
        // A HEAD response announces the GET's length and sends no body.
        List<HttpObject> head = exchange(HttpMethod.HEAD, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
        assertThat(((HttpResponse) head.get(0)).headers().get("Content-Length")).isEqualTo("5");
        assertThat(head.get(head.size() - 1)).isInstanceOf(LastHttpContent.class);
        assertThat(body(head)).isEmpty();
        assertThat(body(exchange(HttpMethod.GET, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello")))
                .isEqualTo("hello");
    }

    @Test
    void refusesResponseHeadersOver32KiB() {
        String big = "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(33 * 1024) + "\r\nContent-Length: 0\r\n\r\n";
        assertThat(failure(exchange(HttpMethod.GET, big))).isEqualTo(LbError.TARGET_RESPONSE_HEADERS_TOO_LARGE);
    }

    @Test
    void refusesAContentLengthThatIsNotANumber() {
        assertThat(failure(exchange(HttpMethod.GET, "HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\nok")))
                .isEqualTo(LbError.TARGET_RESPONSE_MALFORMED);
    }

    @Test
    void aTargetThatClosesInTheMiddleOfItsHeadersClosedTheConnection() {
        assertThat(exchange(HttpMethod.GET, "HTTP/1.1 200 OK\r\nContent-Le")).isEmpty();
        channel.close();
        assertThat(failure(inbound())).isEqualTo(LbError.TARGET_CLOSED_CONNECTION);
    }

    @Test
    void aBadChunkIsMalformed() {
        List<HttpObject> decoded = exchange(HttpMethod.GET,
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n");
        assertThat(failure(decoded)).isEqualTo(LbError.TARGET_RESPONSE_MALFORMED);
    }

    @Test
    void anUnframedBodyEndsWhenTheTargetCloses() {
        List<HttpObject> decoded = exchange(HttpMethod.GET, "HTTP/1.1 200 OK\r\n\r\nuntil the end");
        channel.close();
        decoded.addAll(inbound());
        assertThat(decoded.get(decoded.size() - 1)).isInstanceOf(LastHttpContent.class);
        assertThat(body(decoded)).isEqualTo("until the end");
    }

}
