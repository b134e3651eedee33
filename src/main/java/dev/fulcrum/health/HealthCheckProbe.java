package dev.fulcrum.health;

import dev.fulcrum.config.HealthCheckConfig;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetHealth;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * One health check of one target: connect, send ALB's request, read the status line, close. The outcome is
 * {@code null} for a pass, else the unhealthy {@link TargetHealth} the failure stands for; it is reported once, on
 * the checker's event loop.
 */
final class HealthCheckProbe extends ChannelInboundHandlerAdapter {

    private final HealthCheckConfig check;
    private final Target target;
    private final HealthCheckMatcher matcher;
    private final Consumer<TargetHealth> outcome;
    private ScheduledFuture<?> timeout;
    private Channel channel;
    private boolean done;

    private HealthCheckProbe(HealthCheckConfig check, Target target, Consumer<TargetHealth> outcome) {
        this.check = check;
        this.target = target;
        this.matcher = HealthCheckMatcher.parse(check.matcher());
        this.outcome = outcome;
    }

    /**
     * Starts a check on {@code loop}; {@code outcome} runs there once with {@code null} (pass) or the failure.
     *
     * @param tls the TLS context of an HTTPS check, else {@code null}
     */
    static void run(EventLoop loop, Class<? extends SocketChannel> channelClass, HealthCheckConfig check,
            Target target, SslContext tls, Consumer<TargetHealth> outcome) {
        HealthCheckProbe probe = new HealthCheckProbe(check, target, outcome);
        long timeoutMillis = check.timeout().toMillis();
        probe.timeout = loop.schedule(() -> probe.complete(TargetHealth.TIMEOUT), timeoutMillis, TimeUnit.MILLISECONDS);
        ChannelFuture connect;
        try {
            connect = connect(loop, channelClass, check, target, tls, probe, timeoutMillis);
        } catch (RuntimeException e) {
            probe.complete(TargetHealth.INTERNAL_ERROR);
            return;
        }
        probe.channel = connect.channel();
        connect.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                return;
            }
            TargetHealth failure = connectFailure(f.cause());
            if (loop.inEventLoop()) {
                probe.complete(failure);
            } else if (!loop.isShuttingDown()) {
                // A socket that could not even be created fails on another thread (Netty's global executor).
                loop.execute(() -> probe.complete(failure));
            }
        });
    }

    /**
     * What a failed connection attempt says about the target: a timeout, a network error (refused, unreachable,
     * reset), or nothing at all when the balancer could not make a socket (no file descriptors, a closed loop).
     */
    static TargetHealth connectFailure(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return TargetHealth.TIMEOUT;
        }
        return cause instanceof IOException ? TargetHealth.FAILED_HEALTH_CHECKS : TargetHealth.INTERNAL_ERROR;
    }

    private static ChannelFuture connect(EventLoop loop, Class<? extends SocketChannel> channelClass,
            HealthCheckConfig check, Target target, SslContext tls, HealthCheckProbe probe, long timeoutMillis) {
        return new Bootstrap()
                .group(loop)
                .channel(channelClass)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            // The request written on connect waits in the engine until the handshake is done.
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpResponseDecoder(), probe);
                    }
                })
                .connect(HealthCheckRequest.address(check, target));
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(HealthCheckRequest.bytes(check, target)));
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response && !done) {
                if (response.decoderResult().isFailure()) {
                    complete(TargetHealth.FAILED_HEALTH_CHECKS);
                } else {
                    int code = response.status().code();
                    complete(matcher.matches(code) ? null : TargetHealth.responseCodeMismatch(code));
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        complete(TargetHealth.FAILED_HEALTH_CHECKS); // closed before a status line came
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Reading from the target failed (reset, a broken stream, a failed TLS handshake) or, if neither, the check
        // itself did.
        boolean target = cause instanceof IOException || cause instanceof DecoderException
                && cause.getCause() instanceof SSLException;
        complete(target ? TargetHealth.FAILED_HEALTH_CHECKS : TargetHealth.INTERNAL_ERROR);
    }

    private void complete(TargetHealth failure) {
        if (done) {
            return;
        }
        done = true;
        timeout.cancel(false);
        if (channel != null && channel.isRegistered()) { // a channel that could not be made has no loop to close on
            channel.close();
        }
        outcome.accept(failure);
    }
}
