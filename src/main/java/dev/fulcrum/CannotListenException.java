package dev.fulcrum;

import io.netty.channel.ChannelException;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.net.BindException;
import java.util.Locale;

/**
 * A listener or the admin endpoint could not listen on its address. It says where ({@code 127.0.0.1:9090}), which
 * element of the configuration asked for it ({@code admin.listen}, {@code listeners[0]}) and the system's short
 * reason: {@code cannot listen on 127.0.0.1:9090 (admin.listen): address already in use}.
 */
public final class CannotListenException extends RuntimeException {

    // Linux errno values: the native transports (io_uring, epoll) exist on Linux only.
    private static final int EACCES = 13;
    private static final int EADDRINUSE = 98;
    private static final int EADDRNOTAVAIL = 99;

    private final String address;
    private final String configPath;
    private final String reason;

    private CannotListenException(String address, String configPath, String reason, Throwable cause) {
        super("cannot listen on " + address + " (" + configPath + "): " + reason, cause);
        this.address = address;
        this.configPath = configPath;
        this.reason = reason;
    }

    /** What binds a socket; Netty's bind rethrows the socket's own exception, whatever its type. */
    @FunctionalInterface
    interface Bind<T> {
        T bind() throws InterruptedException;
    }

    /**
     * Runs {@code bind}; a socket error becomes a {@code CannotListenException} for {@code host:port}, named by
     * {@code configPath}. Anything else passes through as it is.
     */
    static <T> T bind(String host, int port, String configPath, Bind<T> bind) throws InterruptedException {
        try {
            return bind.bind();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) { // Netty throws the socket's checked IOException without declaring it
            if (e instanceof IOException || e instanceof ChannelException) {
                throw new CannotListenException(hostPort(host, port), configPath, reason(e), e);
            }
            throw e;
        }
    }

    /** {@code host:port}, an IPv6 host in brackets, as {@code admin.listen} writes it. */
    static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The system's reason, as short as it says it: NIO throws {@link BindException} with the system's text,
     * io_uring and epoll Netty's {@link Errors.NativeIoException} with the errno.
     */
    private static String reason(Exception e) {
        if (e instanceof Errors.NativeIoException n) {
            return switch (-n.expectedErr()) {
                case EADDRINUSE -> "address already in use";
                case EADDRNOTAVAIL -> "cannot assign requested address";
                case EACCES -> "permission denied";
                default -> n.getMessage();
            };
        }
        String text = e.getMessage();
        if (text == null || text.isEmpty()) {
            return e.getClass().getSimpleName();
        }
        return e instanceof BindException ? text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1) : text;
    }

    /** Where it could not listen: {@code host:port}, an IPv6 host in brackets. */
    public String address() {
        return address;
    }

    /** The element of the configuration that asked for the address: {@code admin.listen}, {@code listeners[1]}. */
    public String configPath() {
        return configPath;
    }

    /** The system's reason, e.g. {@code address already in use}. */
    public String reason() {
        return reason;
    }
}
