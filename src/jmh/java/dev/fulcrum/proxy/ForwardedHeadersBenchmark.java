package dev.fulcrum.proxy;

import dev.fulcrum.config.LoadBalancerAttributes;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The header rewriting of every forwarded request (hop-by-hop removal, X-Forwarded-*, X-Amzn-Trace-Id, Host) and
 * of every response (hop-by-hop removal), on a browser-like request of 11 headers. Each operation builds a fresh
 * request, since the rewrite changes it in place; {@link #buildRequestOnly} measures that part alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ForwardedHeadersBenchmark {

    private final InetSocketAddress client = new InetSocketAddress("192.0.2.10", 50123);
    private final String clientAddress = ClientStream.addressText(client);
    private final LoadBalancerAttributes attributes = LoadBalancerAttributes.defaults();
    private final SplittableRandom random = new SplittableRandom(7);

    private static HttpRequest browserRequest() {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/api/orders?id=42&page=3");
        addAll(r.headers(), "Host", "shop.example.com",
                "User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
                "Accept", "application/json, text/plain, */*", "Accept-Language", "en-US,en;q=0.5",
                "Accept-Encoding", "gzip, deflate, br", "Referer", "https://shop.example.com/cart",
                "Cookie", "session=2f1c9a7e5b3d4c6a; theme=dark", "Connection", "keep-alive",
                "X-Forwarded-For", "203.0.113.7", "X-Amzn-Trace-Id", "Root=1-67891233-abcdef012345678912345678",
                "Cache-Control", "no-cache");
        return r;
    }

    private static HttpResponse targetResponse() {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        addAll(r.headers(), "Content-Type", "application/json", "Content-Length", "1234",
                "Date", "Mon, 30 Nov 2026 08:00:00 GMT", "Server", "nginx", "Connection", "keep-alive",
                "Keep-Alive", "timeout=60", "Cache-Control", "private, max-age=0");
        return r;
    }

    private static void addAll(HttpHeaders headers, String... namesAndValues) {
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.add(namesAndValues[i], namesAndValues[i + 1]);
        }
    }

    @Benchmark
    public HttpRequest buildRequestOnly() {
        return browserRequest();
    }

    @Benchmark
    public HttpRequest rewriteRequest() {
        HttpRequest request = browserRequest();
        HttpRequestView view = new HttpRequestView(request, client.getAddress());
        String trace = TraceIds.forward(request.headers().get(ForwardedHeaders.X_AMZN_TRACE_ID),
                TraceIds.newTraceId(1_795_000_000L, random));
        ForwardedHeaders.rewriteRequest(request, view, client, clientAddress, null, attributes, "http", 8080, trace,
                false);
        return request;
    }

    @Benchmark
    public HttpResponse buildResponseOnly() {
        return targetResponse();
    }

    @Benchmark
    public HttpResponse sanitizeResponse() {
        HttpResponse response = targetResponse();
        ForwardedHeaders.sanitizeResponse(response);
        return response;
    }
}
