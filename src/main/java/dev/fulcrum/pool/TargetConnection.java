package dev.fulcrum.pool;

import dev.fulcrum.transport.ChannelLeg;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;

/**
 * The last handler of a target channel's pipeline, and the handle an exchange holds while it uses the connection:
 * the target's {@link dev.fulcrum.transport.Leg}. Everything the target sends goes to the bound {@link Listener}; while the connection
 * sits idle in its pool, anything the target sends is unexpected and closes it.
 *
 * <p>Pipeline of a target channel, in order: for an HTTPS target group the TLS engine, then
 * {@link dev.fulcrum.transport.IdleTimeoutHandler} (all-idle = the load balancer's idle timeout), {@link TargetCodec}
 * (32 KiB response-header limit), {@code TargetConnection}.
 */
public final class TargetConnection extends ChannelLeg {

    /** Receives what happens on a target connection while an exchange uses it. Called on the event loop. */
    public interface Listener {
        /**
         * A decoded response object (or, after a 101 upgrade, a raw ByteBuf); the listener must release it. A
         * response the codec could not read arrives with a failed decoder result whose cause is an
         * {@link dev.fulcrum.core.LbException}.
         */
        void onTargetMessage(Object msg);

        void onTargetReadComplete();

        void onTargetWritabilityChanged(boolean writable);

        /** The target closed the connection (FIN or RST). */
        void onTargetClosed();

        /** Nothing was read or written for the idle timeout. */
        void onTargetIdle();

        void onTargetError(Throwable cause);
    }

    private final TargetConnectionPool pool;
    private final InetSocketAddress address;
    private final boolean tls;
    private Listener listener;
    private int requests;

    TargetConnection(TargetConnectionPool pool, InetSocketAddress address, boolean tls) {
        this.pool = pool;
        this.address = address;
        this.tls = tls;
    }

    /** Whether it speaks TLS to the target (an HTTPS target group). */
    public boolean tls() {
        return tls;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** How many requests this connection carried, including the current one (1 on a new connection). */
    public int requests() {
        return requests;
    }

    /** Binds the connection to an exchange. */
    public void bind(Listener listener) {
        this.listener = listener;
        this.requests++;
    }

    /** Unbinds the exchange and returns the connection to its pool for the next request. */
    public void release() {
        listener = null;
        resumeAll();
        pool.offer(this);
    }

    /** Unbinds the exchange and closes the connection (it is not clean for reuse). */
    public void discard() {
        listener = null;
        channel().close();
    }

    /** Drops the HTTP codec: from now on the target's bytes arrive raw (a WebSocket after its 101). */
    public void upgradeToTunnel() {
        channel().pipeline().remove(TargetCodec.class);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Netty

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Listener l = listener;
        if (l != null) {
            l.onTargetMessage(msg);
        } else {
            // A target must not speak while no request is outstanding; its stream can no longer be trusted.
            ReferenceCountUtil.release(msg);
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        Listener l = listener;
        if (l != null) {
            l.onTargetReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Listener l = listener;
        if (l != null) {
            l.onTargetWritabilityChanged(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Listener l = listener;
        listener = null;
        pool.remove(this);
        if (l != null) {
            l.onTargetClosed();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            Listener l = listener;
            if (l != null) {
                l.onTargetIdle();
            } else {
                ctx.close();
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Listener l = listener;
        listener = null;
        ctx.close();
        if (l != null) {
            l.onTargetError(cause);
        }
    }
}
