package dev.fulcrum.admin;

import static dev.fulcrum.testing.TestConfigs.forwardingTo;
import static dev.fulcrum.testing.TestConfigs.group;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.TestBalancer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdminServerTest {

    @Test
    void listsItsResourcesAndAnswers404ForUnknownPaths() {
        try (FakeTarget t = FakeTarget.start("t"); TestBalancer lb = TestBalancer.start(forwardingTo(group("web", t)))) {
            try (RawHttpClient c = RawHttpClient.connect(lb.fulcrum().adminAddress())) {
                RawHttpClient.Response index = c.get("/").readResponse();
                assertThat(index.status()).isEqualTo(200);
                assertThat(index.bodyText()).startsWith("Fulcrum admin endpoint.");
                RawHttpClient.Response missing = c.get("/nope").readResponse();
                assertThat(missing.status()).isEqualTo(404);
                assertThat(missing.bodyText()).contains("no admin resource at /nope");
            }
        }
    }

    @Test
    void aMalformedRequestIs400AndClosedAndTheNextClientIsServed() {
        try (FakeTarget t = FakeTarget.start("t"); TestBalancer lb = TestBalancer.start(forwardingTo(group("web", t)))) {
            try (RawHttpClient c = RawHttpClient.connect(lb.fulcrum().adminAddress())) {
                RawHttpClient.Response bad = c.send("GET /metrics HTTP/1.1\r\nBad Name: x\r\n\r\n").readResponse();
                assertThat(bad.status()).isEqualTo(400);
                assertThat(c.isClosedByPeer()).isTrue();
            }
            try (RawHttpClient c = RawHttpClient.connect(lb.fulcrum().adminAddress())) {
                assertThat(c.get("/api/v1/target-health?group=%zz").readResponse().status()).isEqualTo(400);
                assertThat(c.get("/metrics").readResponse().status()).isEqualTo(200);
            }
        }
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (AdminServer admin = AdminServer.start(List.of(), loop, NioServerSocketChannel.class, "127.0.0.1", 0,
                Duration.ofMillis(300));
                RawHttpClient idle = RawHttpClient.connect(admin.address())) {
            assertThat(idle.isClosedByPeer()).isTrue();
            assertThat(AdminServer.IDLE_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
