package dev.fulcrum.listener;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.lab.H2Client;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.LoadBalancerExtension;
import dev.fulcrum.testing.TlsClient;
import dev.fulcrum.tls.LocalCertificate;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** HTTP/2 from clients over TLS (ALPN h2), each stream one exchange to an HTTP/1.1 target group. */
class Http2EndToEndTest {

    @RegisterExtension
    final LoadBalancerExtension lb = LoadBalancerExtension.create();

    @TempDir
    Path dir;

    private Fulcrum https(FakeTarget target, boolean http2) throws Exception {
        LocalCertificate.Pair cert = LocalCertificate.write(dir, "local", List.of("127.0.0.1"), Duration.ofDays(1));
        return lb.start(ConfigLoader.parse("""
                admin: {listen: '127.0.0.1:0'}
                loadBalancer:
                  attributes: {routing.http2.enabled: %s}
                listeners:
                  - {port: 0, address: 127.0.0.1, protocol: HTTPS,
                     certificates: [{certificateFile: '%s', keyFile: '%s'}],
                     defaultActions: [{type: forward, targetGroup: web}]}
                targetGroups:
                  - {name: web, healthCheck: {enabled: false}, targets: [{id: 127.0.0.1, port: %d}]}
                """.formatted(http2, cert.certificateFile(), cert.keyFile(), target.port()), dir));
    }

    /** A TLS socket that chose h2 by ALPN and has sent the preface and an empty SETTINGS: for raw frames. */
    private static javax.net.ssl.SSLSocket rawHttp2(int port, int timeoutMillis) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
        javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"});
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(timeoutMillis);
        socket.startHandshake();
        assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
        java.io.OutputStream out = socket.getOutputStream();
        out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0}); // SETTINGS, empty
        return socket;
    }

    private static HttpClient client() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void servesManyConcurrentStreamsOfOneConnectionEachAsItsOwnExchange() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Fulcrum f = https(target, true);
        HttpClient client = client();
        URI base = URI.create("https://127.0.0.1:" + f.port(0));
        // One request first, so that the client has its connection before the others share it.
        assertThat(client.send(HttpRequest.newBuilder(base.resolve("/first")).build(),
                HttpResponse.BodyHandlers.ofString()).version()).isEqualTo(HttpClient.Version.HTTP_2);

        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            inFlight.add(client.sendAsync(HttpRequest.newBuilder(base.resolve("/item/" + i)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> r : inFlight) {
            HttpResponse<String> response = r.get();
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.body()).isEqualTo("t");
        }

        lb.log().awaitRecord(51);
        List<ExchangeRecord> records = lb.log().all();
        assertThat(records).allSatisfy(r -> {
            assertThat(r.type()).isEqualTo("h2");
            assertThat(r.sentBytes()).as("its response's head and body").isGreaterThan(1);
            assertThat(r.receivedBytes()).isGreaterThan(10);
            assertThat(r.protocol()).isEqualTo("HTTP/2.0");
            assertThat(r.tls().protocol()).isEqualTo("TLSv1.3");
        });
        assertThat(records.stream().map(ExchangeRecord::connTraceId).collect(Collectors.toSet()))
                .as("one connection").hasSize(1);
        assertThat(lb.log().lines().get(0)).startsWith("h2 ")
                .contains("\"GET https://127.0.0.1:" + f.port(0) + "/first HTTP/2.0\"");
        FakeTarget.Received seen = target.take();
        assertThat(seen.protocol()).as("HTTP/1.1 to an HTTP1 group").isEqualTo("HTTP/1.1");
        assertThat(seen.header("Host")).isEqualTo("127.0.0.1:" + f.port(0));
        assertThat(seen.header("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(seen.headers().names()).noneMatch(n -> n.toLowerCase().startsWith("x-http2"));
    }

    @Test
    void aStreamResetByTheClientIs460ForItAloneAndTheConnectionGoesOn() throws Exception {
        CompletableFuture<Void> release = new CompletableFuture<>();
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        FakeTarget.Behavior fast = FakeTarget.text(200, "t");
        target.behave((request, ctx) -> {
            if (request.uri().startsWith("/slow")) {
                release.thenRun(() -> ctx.executor().execute(() -> fast.respond(request, ctx)));
            } else {
                fast.respond(request, ctx);
            }
        });
        Fulcrum f = https(target, true);
        try (H2Client client = lb.keep(H2Client.connect(f.port(0)))) {
            H2Client.Stream slow = client.get("/slow");
            assertThat(target.take().uri()).isEqualTo("/slow"); // the target works on it
            assertThat(client.get("/fast").status().get(10, TimeUnit.SECONDS)).as("not behind the slow one")
                    .isEqualTo(200);

            slow.reset();

            ExchangeRecord reset = lb.log().await(r -> r.uri().equals("/slow"));
            assertThat(reset.elbStatus()).isEqualTo(460);
            assertThat(reset.errorReason()).isEqualTo("ClientClosedConnection");
            assertThat(client.get("/after").status().get(10, TimeUnit.SECONDS)).isEqualTo(200);
        } finally {
            release.complete(null);
        }
    }

    @Test
    void closesAConnectionThatFloodsResetStreamsAndServesTheNextOne() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Fulcrum f = https(target, true);
        H2Client flood = lb.keep(H2Client.connect(f.port(0)));
        // CVE-2023-44487: open a stream and reset it at once, over and over, so that the server works for nothing.
        for (int i = 0; i < 1000 && flood.isOpen(); i++) {
            try {
                flood.get("/flood/" + i).reset();
            } catch (Exception closed) { // ClosedChannelException, rethrown unchecked by Netty
                break; // the connection went while the stream opened
            }
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !flood.isOpen());
        assertThat(target.receivedCount()).as("bounded work: Netty's 200 resets per 30 s, then GOAWAY")
                .isLessThanOrEqualTo(250);
        try (H2Client next = lb.keep(H2Client.connect(f.port(0)))) {
            assertThat(next.get("/after").status().get(10, TimeUnit.SECONDS)).isEqualTo(200);
        }
    }

    @Test
    void servesTenThousandRequestsOnAConnectionThenRefusesTheNextLogsItWith000AndClosesWithGoaway() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Fulcrum f = https(target, true);
        H2Client client = lb.keep(H2Client.connect(f.port(0)));
        for (int i = 1; i <= 10_000; i++) {
            assertThat(client.get("/" + i).status().get(10, TimeUnit.SECONDS)).as("request " + i).isEqualTo(200);
        }

        assertThat(client.get("/10001").status().get(10, TimeUnit.SECONDS)).as("reset: REFUSED_STREAM").isEqualTo(-1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !client.isOpen());

        ExchangeRecord refused = lb.log().await(r -> "/10001".equals(r.uri()));
        assertThat(refused.elbStatus()).isZero();
        assertThat(refused.errorReason()).isEqualTo("Http2ConnectionRequestLimit");
        assertThat(refused.target()).isNull();
        assertThat(lb.log().lines()).filteredOn(l -> l.contains("/10001 HTTP/2.0"))
                .singleElement().asString().contains(" 000 - ");
        assertThat(target.receivedCount()).isEqualTo(10_000);
        try (H2Client next = lb.keep(H2Client.connect(f.port(0)))) {
            assertThat(next.get("/10001").status().get(10, TimeUnit.SECONDS)).as("retried on a new connection")
                    .isEqualTo(200);
        }
    }

    @Test
    void refusesAStreamWhoseHeadersAreOver8KibCompressedAndClosesTheConnectionWithGoaway() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Fulcrum f = https(target, true);
        H2Client client = lb.keep(H2Client.connect(f.port(0)));
        assertThat(client.get("/before").status().get(10, TimeUnit.SECONDS)).isEqualTo(200);
        // Random letters and digits: HPACK's Huffman code takes about 6 bits each, so 12,000 of them are about
        // 9 KiB compressed (under the 16 KiB one header may have).
        java.util.Random random = new java.util.Random(42);
        StringBuilder token = new StringBuilder();
        for (int i = 0; i < 12_000; i++) {
            token.append("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".charAt(random.nextInt(62)));
        }

        assertThat(client.get("/big", "x-token", token.toString()).status().get(10, TimeUnit.SECONDS)).isEqualTo(-1);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !client.isOpen());

        ExchangeRecord refused = lb.log().await(r -> "/big".equals(r.uri()));
        assertThat(refused.elbStatus()).isZero();
        assertThat(refused.errorReason()).isEqualTo("Http2HeaderBlockTooLarge");
        target.take();
        assertThat(target.receivedCount()).as("/big never reached it").isZero();
    }

    @Test
    void answers464ForAGrpcCallToAnHttp1GroupAndForHttp2ToAGrpcGroup() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        LocalCertificate.Pair cert = LocalCertificate.write(dir, "local", List.of("127.0.0.1"), Duration.ofDays(1));
        Fulcrum f = lb.start(ConfigLoader.parse("""
                admin: {listen: '127.0.0.1:0'}
                listeners:
                  - port: 0
                    address: 127.0.0.1
                    protocol: HTTPS
                    certificates: [{certificateFile: '%s', keyFile: '%s'}]
                    rules:
                      - {priority: 1, conditions: [{field: path-pattern, values: [/grpc-group/*]}],
                         actions: [{type: forward, targetGroup: rpc}]}
                    defaultActions: [{type: forward, targetGroup: web}]
                targetGroups:
                  - {name: web, healthCheck: {enabled: false}, targets: [{id: 127.0.0.1, port: %d}]}
                  - {name: rpc, protocolVersion: GRPC, healthCheck: {enabled: false},
                     targets: [{id: 127.0.0.1, port: %d}]}
                """.formatted(cert.certificateFile(), cert.keyFile(), target.port(), target.port()), dir));
        HttpClient client = client();
        URI base = URI.create("https://127.0.0.1:" + f.port(0));

        HttpResponse<String> grpcToHttp1 = client.send(HttpRequest.newBuilder(base.resolve("/pkg.Service/Call"))
                .header("Content-Type", "application/grpc+proto").POST(HttpRequest.BodyPublishers.ofString("x"))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> getToGrpc = client.send(HttpRequest.newBuilder(base.resolve("/grpc-group/x")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(grpcToHttp1.statusCode()).isEqualTo(464);
        assertThat(getToGrpc.statusCode()).isEqualTo(464);
        assertThat(lb.log().awaitRecord(2).errorReason()).isEqualTo("TargetGroupProtocolVersionMismatch");
        assertThat(target.receivedCount()).isZero();
    }

    @Test
    void answersAProtocolErrorWithGoawayCarryingItsCode() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Fulcrum f = https(target, true);
        try (javax.net.ssl.SSLSocket socket = rawHttp2(f.port(0), 10_000)) {
            java.io.OutputStream out = socket.getOutputStream();
            out.write(new byte[] {0, 0, 4, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0});     // WINDOW_UPDATE of 0 on the connection
            out.flush();
            java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
            long errorCode = -1;
            while (errorCode < 0) {
                int length = in.readUnsignedByte() << 16 | in.readUnsignedShort();
                int type = in.readUnsignedByte();
                in.readUnsignedByte();
                in.readInt();
                byte[] payload = in.readNBytes(length);
                if (type == 7) { // GOAWAY: last stream id, then the error code
                    errorCode = java.nio.ByteBuffer.wrap(payload, 4, 4).getInt() & 0xffffffffL;
                }
            }
            assertThat(errorCode).as("PROTOCOL_ERROR (RFC 9113 section 6.9), not NO_ERROR").isEqualTo(1);
        }
    }

    @Test
    void resetsAMalformedRequestsStreamWithProtocolErrorAndGoesOn() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Fulcrum f = https(target, true);
        try (H2Client client = lb.keep(H2Client.connect(f.port(0)))) {
            H2Client.Stream noPath = client.get(null);
            assertThat(noPath.resetCode().get(10, TimeUnit.SECONDS)).as("PROTOCOL_ERROR (RFC 9113 section 8.1.1)")
                    .isEqualTo(1L);
            assertThat(client.get("/next").status().get(10, TimeUnit.SECONDS)).isEqualTo(200);
        }
        assertThat(target.take().uri()).isEqualTo("/next");
    }

    @Test
    void survivesRandomFramesAfterThePrefaceWithoutLeakingOrStopping() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Fulcrum f = https(target, true);
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 30; round++) {
            try (javax.net.ssl.SSLSocket socket = rawHttp2(f.port(0), 5_000)) {
                java.io.OutputStream out = socket.getOutputStream();
                for (int frame = 0; frame < 20; frame++) {
                    // A frame header of any type, flags and stream, then a payload of random bytes.
                    int length = random.nextInt(64);
                    byte[] bytes = new byte[9 + length];
                    random.nextBytes(bytes);
                    bytes[0] = 0;
                    bytes[1] = 0;
                    bytes[2] = (byte) length;
                    bytes[3] = (byte) random.nextInt(11);
                    out.write(bytes);
                }
                out.flush();
                java.io.InputStream in = socket.getInputStream();
                try {
                    while (in.read(new byte[4096]) >= 0) {
                        // read until the balancer closes (GOAWAY and FIN) or the timeout
                    }
                } catch (java.io.IOException closedOrQuiet) {
                    // a reset, or nothing more within the timeout: either way the balancer stays up
                }
            }
        }
        try (H2Client client = lb.keep(H2Client.connect(f.port(0)))) {
            assertThat(client.get("/still-up").status().get(10, TimeUnit.SECONDS)).isEqualTo(200);
        }
    }

    @Test
    void takesHeadersAsLargeAsHttp11Does() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Fulcrum f = https(target, true);
        String cookie = "session=" + "c".repeat(12_000); // over Netty's 8 KiB default, under the 16 KiB of one header

        try (H2Client client = lb.keep(H2Client.connect(f.port(0)))) {
            assertThat(client.get("/", "cookie", cookie).status().get(10, TimeUnit.SECONDS)).isEqualTo(200);
        }
        assertThat(target.take().header("Cookie")).isEqualTo(cookie);
    }

    @Test
    void carriesARequestBodyToTheTargetFramedForHttp11() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Fulcrum f = https(target, true);
        String body = "x".repeat(100_000);

        HttpResponse<String> response = client().send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + f.port(0) + "/upload"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        FakeTarget.Received seen = target.take();
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.bodyBytes()).isEqualTo(100_000);
        assertThat(seen.header("Content-Length") != null || "chunked".equals(seen.header("Transfer-Encoding")))
                .isTrue();
    }

    @Test
    void speaksHttp11WhenHttp2IsOffOrTheClientOffersNoAlpn() throws Exception {
        FakeTarget target = lb.keep(FakeTarget.start("t"));
        Fulcrum off = https(target, false);
        HttpResponse<String> r = client().send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + off.port(0) + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(lb.log().awaitRecord(1).type()).isEqualTo("https");

        assertThat(TlsClient.of().exchange(off.port(0), null, TlsClient.get("x", "/")).response())
                .startsWith("HTTP/1.1 200");
    }
}
