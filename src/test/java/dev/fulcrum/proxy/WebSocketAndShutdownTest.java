package dev.fulcrum.proxy;

import static dev.fulcrum.testing.TestConfigs.forwardingTo;
import static dev.fulcrum.testing.TestConfigs.group;
import static dev.fulcrum.testing.TestConfigs.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.config.Algorithm;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.lab.RawTarget;
import dev.fulcrum.testing.TestBalancer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WebSocketAndShutdownTest {

    @Test
    void passesAWebSocketUpgradeThroughAndTunnelsBytesBothWays() throws Exception {
        AtomicReference<String> upgradeHead = new AtomicReference<>();
        try (RawTarget wsTarget = RawTarget.start(s -> {
                    InputStream in = s.getInputStream();
                    upgradeHead.set(RawTarget.readHead(in));
                    RawTarget.write(s, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
                    OutputStream out = s.getOutputStream();
                    byte[] buf = new byte[1024];
                    int n;
                    while ((n = in.read(buf)) != -1) {
                        out.write(buf, 0, n);
                        out.flush();
                    }
                });
                TestBalancer lb = TestBalancer.start(forwardingTo(group("ws", Algorithm.ROUND_ROBIN,
                        List.of(target(wsTarget.port())))));
                RawHttpClient c = lb.connect()) {
            c.send(UPGRADE);
            RawHttpClient.Response r = c.readResponse();
            assertThat(r.status()).isEqualTo(101);
            assertThat(r.header("Upgrade")).isEqualToIgnoringCase("websocket");
            assertThat(upgradeHead.get()).containsIgnoringCase("upgrade: websocket")
                    .containsIgnoringCase("connection: upgrade");

            for (String message : List.of("first frame", "second frame")) {
                c.send(message);
                byte[] echo = c.socket().getInputStream().readNBytes(message.length());
                assertThat(new String(echo, StandardCharsets.ISO_8859_1)).isEqualTo(message);
            }
            c.close();
            var rec = lb.log().awaitRecord(1);
            assertThat(rec.type()).isEqualTo("ws");
            assertThat(rec.elbStatus()).isEqualTo(101);
        }
    }

    /** The target's first frame comes in the same packet as its 101: it reaches the client, raw, after the 101. */
    @Test
    void bytesTheTargetSendsWithIts101ReachTheClientAfterIt() throws Exception {
        try (RawTarget wsTarget = RawTarget.start(s -> {
                    RawTarget.readHead(s.getInputStream());
                    RawTarget.write(s, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\n\r\nhello from the target");
                    s.getInputStream().read(); // until the client leaves
                });
                TestBalancer lb = TestBalancer.start(forwardingTo(group("ws", Algorithm.ROUND_ROBIN,
                        List.of(target(wsTarget.port())))));
                RawHttpClient c = lb.connect()) {
            c.send(UPGRADE);
            assertThat(c.readResponse().status()).isEqualTo(101);
            byte[] first = c.socket().getInputStream().readNBytes("hello from the target".length());
            assertThat(new String(first, StandardCharsets.ISO_8859_1)).isEqualTo("hello from the target");
            c.close();
            assertThat(lb.log().awaitRecord(1).error()).isNull();
        }
    }

    /** 101 is an answer to an upgrade request only; to anything else it is a malformed response. */
    @Test
    void a101ToARequestThatAskedForNoUpgradeIs502() {
        try (RawTarget t = RawTarget.start(s -> {
                    RawTarget.readHead(s.getInputStream());
                    RawTarget.write(s, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\nraw bytes");
                    s.getInputStream().read();
                });
                TestBalancer lb = TestBalancer.start(forwardingTo(group("web", Algorithm.ROUND_ROBIN,
                        List.of(target(t.port())))));
                RawHttpClient c = lb.connect()) {
            RawHttpClient.Response r = c.get("/plain").readResponse();
            assertThat(r.status()).isEqualTo(502);
            assertThat(lb.log().awaitRecord(1).errorReason()).isEqualTo("TargetResponseMalformed");
        }
    }

    private static final String UPGRADE = "GET /chat HTTP/1.1\r\nHost: ws.example\r\nUpgrade: websocket\r\n"
            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";

    @Test
    void aCleanStopLetsInFlightRequestsFinishAndClosesIdleConnections() throws Exception {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        FakeTarget.Behavior held = FakeTarget.heldUntil(answer, FakeTarget.text(200, "finished"));
        try (FakeTarget slow = FakeTarget.start("slow")) {
            slow.behave((req, ctx) -> (req.uri().equals("/slow") ? held : FakeTarget.text(200, "warm"))
                    .respond(req, ctx));
            TestBalancer lb = TestBalancer.start(forwardingTo(group("web", slow)));
            try (RawHttpClient idle = lb.connect(); RawHttpClient busy = lb.connect()) {
                assertThat(idle.get("/warm").readResponse().status()).isEqualTo(200);
                busy.get("/slow");
                await().atMost(Duration.ofSeconds(15)).until(() -> slow.receivedCount() == 2);

                CompletableFuture<Void> stopping = CompletableFuture.runAsync(lb::close);
                assertThat(idle.isClosedByPeer()).isTrue(); // the stop has begun, with /slow still in flight
                answer.complete(null);
                RawHttpClient.Response r = busy.readResponse();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.bodyText()).isEqualTo("finished");
                assertThat(r.header("Connection")).isEqualTo("close");
                stopping.get();
                assertThat(lb.log().awaitRecord(2).elbStatus()).isEqualTo(200);
            }
        }
    }
}
