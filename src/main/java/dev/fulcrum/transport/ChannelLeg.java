package dev.fulcrum.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of a channel that is one side of exchanges (a client's HTTP/1.1 connection, a target
 * connection): both implement {@link Leg} the same way, here. Writes go out with the void promise (a failure closes
 * the channel through {@code exceptionCaught}); reading is paused while any {@link Pause} holds. Used on the
 * channel's event loop only.
 */
public abstract class ChannelLeg extends ChannelInboundHandlerAdapter implements Leg {

    private Channel channel;
    private int pauses;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    public final Channel channel() {
        return channel;
    }

    /** Writes {@code msg}, or releases it when the channel already closed (its close is on its way). */
    @Override
    public final void write(Object msg) {
        if (channel.isActive()) {
            channel.write(msg, channel.voidPromise());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public final void writeAndFlush(Object msg) {
        if (channel.isActive()) {
            channel.writeAndFlush(msg, channel.voidPromise());
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public final void flush() {
        channel.flush();
    }

    @Override
    public final boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public final void pauseReading(Pause reason) {
        pauses |= reason.bit;
        if (channel.config().isAutoRead()) {
            channel.config().setAutoRead(false);
        }
    }

    @Override
    public final void resumeReading(Pause reason) {
        pauses &= ~reason.bit;
        if (pauses == 0 && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    /** Drops every pause: the channel reads again (a pooled connection handed to its next exchange). */
    protected final void resumeAll() {
        pauses = 0;
        if (!channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }
}
