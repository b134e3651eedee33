package dev.fulcrum.listener;

import dev.fulcrum.proxy.ClientStream;
import dev.fulcrum.transport.ChannelLeg;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;

/** A client stream that is one channel: an HTTP/1.1 connection, or an HTTP/2 stream's child channel. */
abstract class ChannelClientStream extends ChannelLeg implements ClientStream {

    @Override
    public final EventLoop eventLoop() {
        return channel().eventLoop();
    }

    @Override
    public final ByteBufAllocator alloc() {
        return channel().alloc();
    }

    @Override
    public final boolean isOpen() {
        return channel().isActive();
    }
}
