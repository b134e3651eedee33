package dev.fulcrum.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port on which nothing listens, so that connecting gets a TCP RST, held for as long as it is open: a
 * socket is bound to it (without SO_REUSEADDR) and never listens. A port found free and released again could be
 * taken by any other process starting a server meanwhile, such as another test run on the same machine.
 */
public final class RefusedPort implements AutoCloseable {

    private final Socket holder;

    private RefusedPort(Socket holder) {
        this.holder = holder;
    }

    public static RefusedPort reserve() {
        Socket holder = new Socket();
        try {
            holder.setReuseAddress(false);
            holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new RefusedPort(holder);
        } catch (IOException e) {
            try {
                holder.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return holder.getLocalPort();
    }

    @Override
    public void close() {
        try {
            holder.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
