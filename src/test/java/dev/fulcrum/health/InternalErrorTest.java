package dev.fulcrum.health;

import static dev.fulcrum.testing.HealthConfigs.check;
import static dev.fulcrum.testing.HealthConfigs.group;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetHealth;
import dev.fulcrum.testing.TargetGroupFixture;
import io.netty.channel.ChannelException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A check the balancer cannot even start (no socket: out of file descriptors) is {@code Elb.InternalError}, not a
 * failure of the target, so the operator looks at the balancer and not at the application.
 */
class InternalErrorTest {

    /** What Netty throws when the process has no file descriptor left for a new socket. */
    public static final class NoFileDescriptorsChannel extends NioSocketChannel {
        public NoFileDescriptorsChannel() {
            throw new ChannelException("newSocketStream(..) failed: Too many open files");
        }
    }

    @Test
    void aCheckWithoutASocketIsAnInternalErrorReportedOnTheCheckersLoop() throws Exception {
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (TargetGroupFixture fixture = new TargetGroupFixture(group("web", check("/", "200", 2, 2), 9),
                Clock.systemUTC())) {
            Target target = fixture.get(0);
            EventLoop loop = loops.next();
            CompletableFuture<TargetHealth> outcome = new CompletableFuture<>();
            loop.execute(() -> HealthCheckProbe.run(loop, NoFileDescriptorsChannel.class,
                    fixture.group().config().healthCheck(), target, null, failure -> {
                        assertThat(loop.inEventLoop()).isTrue();
                        outcome.complete(failure);
                    }));

            assertThat(outcome.get(10, TimeUnit.SECONDS)).isEqualTo(TargetHealth.INTERNAL_ERROR);
            assertThat(TargetHealth.INTERNAL_ERROR.state().apiName()).isEqualTo("unhealthy");
            assertThat(TargetHealth.INTERNAL_ERROR.reason()).isEqualTo("Elb.InternalError");
            assertThat(TargetHealth.INTERNAL_ERROR.description())
                    .isEqualTo("Health checks failed due to an internal error");
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void networkFailuresBlameTheTargetAndEverythingElseTheBalancer() {
        assertThat(HealthCheckProbe.connectFailure(new ConnectTimeoutException("timed out")))
                .isEqualTo(TargetHealth.TIMEOUT);
        assertThat(HealthCheckProbe.connectFailure(new ConnectException("Connection refused")))
                .isEqualTo(TargetHealth.FAILED_HEALTH_CHECKS);
        assertThat(HealthCheckProbe.connectFailure(new IOException("Network is unreachable")))
                .isEqualTo(TargetHealth.FAILED_HEALTH_CHECKS);
        assertThat(HealthCheckProbe.connectFailure(new ChannelException("Too many open files")))
                .isEqualTo(TargetHealth.INTERNAL_ERROR);
    }
}
