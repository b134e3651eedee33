package dev.fulcrum.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * The socket transport: io_uring where the kernel allows it, else epoll, else NIO. io_uring measured fastest on
 * this kind of machine (shared/PERFORMANCE-NOTES.md), above all for new connections; the fallbacks keep
 * Fulcrum running on kernels or sandboxes that refuse it.
 */
public enum Transport {
    IO_URING(IoUringServerSocketChannel.class, IoUringSocketChannel.class),
    EPOLL(EpollServerSocketChannel.class, EpollSocketChannel.class),
    NIO(NioServerSocketChannel.class, NioSocketChannel.class);

    private final Class<? extends ServerChannel> serverChannel;
    private final Class<? extends SocketChannel> socketChannel;

    Transport(Class<? extends ServerChannel> serverChannel, Class<? extends SocketChannel> socketChannel) {
        this.serverChannel = serverChannel;
        this.socketChannel = socketChannel;
    }

    public Class<? extends ServerChannel> serverChannelClass() {
        return serverChannel;
    }

    public Class<? extends SocketChannel> socketChannelClass() {
        return socketChannel;
    }

    public boolean isAvailable() {
        return switch (this) {
            case IO_URING -> IoUring.isAvailable();
            case EPOLL -> Epoll.isAvailable();
            case NIO -> true;
        };
    }

    public EventLoopGroup newEventLoopGroup(int threads, ThreadFactory threadFactory) {
        Supplier<IoHandlerFactory> factory = switch (this) {
            case IO_URING -> IoUringIoHandler::newFactory;
            case EPOLL -> EpollIoHandler::newFactory;
            case NIO -> NioIoHandler::newFactory;
        };
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, factory.get());
    }

    /**
     * The transport to use: {@code preference} ("auto", "io_uring", "epoll" or "nio"); "auto" takes the best
     * available. A named transport that is not available falls back the same way.
     */
    public static Transport choose(String preference) {
        String p = preference == null ? "auto" : preference.toLowerCase(Locale.ROOT).replace('-', '_');
        Transport wanted = switch (p) {
            case "io_uring", "iouring" -> IO_URING;
            case "epoll" -> EPOLL;
            case "nio" -> NIO;
            case "auto" -> IO_URING;
            default -> throw new IllegalArgumentException("transport: " + preference
                    + " (expected: auto, io_uring, epoll, nio)");
        };
        for (Transport t : values()) {
            if (t.ordinal() >= wanted.ordinal() && t.isAvailable()) {
                return t;
            }
        }
        return NIO;
    }
}
