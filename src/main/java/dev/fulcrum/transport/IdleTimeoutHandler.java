package dev.fulcrum.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Fires {@link IdleStateEvent#ALL_IDLE_STATE_EVENT} (the first time {@link IdleStateEvent#FIRST_ALL_IDLE_STATE_EVENT})
 * when a connection neither read nor wrote for the idle timeout, like Netty's {@code IdleStateHandler(0, 0, t)}
 * but without its cost on the hot path: that one turns every write's void promise into a real promise with a
 * listener (two allocations and a callback per write). Here a write counts when it is issued; a write that cannot
 * complete stops the writer issuing more (backpressure), so a peer that stops reading still goes idle.
 */
public final class IdleTimeoutHandler extends ChannelDuplexHandler {

    private final long timeoutNanos;
    private ChannelHandlerContext ctx;
    private Future<?> check;
    private long lastActivityNanos;
    private boolean reading;
    private boolean firstEvent = true;
    private boolean destroyed;

    public IdleTimeoutHandler(long timeout, TimeUnit unit) {
        this.timeoutNanos = Math.max(unit.toNanos(timeout), TimeUnit.MILLISECONDS.toNanos(1));
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
            start(ctx);
        }
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isActive()) {
            start(ctx);
        }
        super.channelRegistered(ctx);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        start(ctx);
        super.channelActive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        reading = true;
        firstEvent = true;
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (reading) {
            lastActivityNanos = ctx.executor().ticker().nanoTime();
            reading = false;
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        lastActivityNanos = ctx.executor().ticker().nanoTime();
        firstEvent = true;
        ctx.write(msg, promise);
    }

    private void start(ChannelHandlerContext ctx) {
        if (check != null || destroyed) {
            return;
        }
        this.ctx = ctx;
        lastActivityNanos = ctx.executor().ticker().nanoTime();
        check = ctx.executor().schedule(this::onCheck, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    private void stop() {
        destroyed = true;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void onCheck() {
        if (destroyed || !ctx.channel().isOpen()) {
            return;
        }
        long delay = timeoutNanos;
        if (!reading) {
            delay -= ctx.executor().ticker().nanoTime() - lastActivityNanos;
        }
        if (delay > 0) {
            check = ctx.executor().schedule(this::onCheck, delay, TimeUnit.NANOSECONDS);
            return;
        }
        check = ctx.executor().schedule(this::onCheck, timeoutNanos, TimeUnit.NANOSECONDS);
        IdleStateEvent event = firstEvent ? IdleStateEvent.FIRST_ALL_IDLE_STATE_EVENT
                : IdleStateEvent.ALL_IDLE_STATE_EVENT;
        firstEvent = false;
        ctx.fireUserEventTriggered(event);
    }
}
