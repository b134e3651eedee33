package dev.fulcrum.listener;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading one keep-alive request, a browser's page request (no body), from its bytes to the decoded messages: Fulcrum's
 * decoder (its own head reading, the desync classification, the framing) against Netty's HttpRequestDecoder, which it
 * replaced. Each operation feeds the same request again on the same channel, as a keep-alive connection would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestDecoderBenchmark {

    static final String BROWSER = "GET /api/orders?id=42&page=3 HTTP/1.1\r\n"
            + "Host: shop.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.9\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Cookie: session=3f2a9c; theme=dark\r\n"
            + "Referer: https://shop.example.com/\r\n"
            + "Connection: keep-alive\r\n"
            + "\r\n";

    private ByteBuf request;
    private EmbeddedChannel fulcrum;
    private EmbeddedChannel netty;

    @Setup
    public void setUp() {
        request = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(BROWSER.getBytes(StandardCharsets.ISO_8859_1)));
        fulcrum = new EmbeddedChannel(new Http1RequestDecoder());
        netty = new EmbeddedChannel(new HttpRequestDecoder());
    }

    @TearDown
    public void tearDown() {
        fulcrum.finishAndReleaseAll();
        netty.finishAndReleaseAll();
    }

    @Benchmark
    public int fulcrumDecoder() {
        return decode(fulcrum);
    }

    @Benchmark
    public int nettyDecoder() {
        return decode(netty);
    }

    private int decode(EmbeddedChannel channel) {
        channel.writeInbound(request.duplicate());
        int messages = 0;
        Object m;
        while ((m = channel.readInbound()) != null) {
            messages++;
            ReferenceCountUtil.release(m);
        }
        return messages;
    }
}
