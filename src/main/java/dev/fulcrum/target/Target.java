package dev.fulcrum.target;

import dev.fulcrum.balancing.Endpoint;
import dev.fulcrum.config.TargetConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A registered target at run time. Shared by every event loop: the in-flight count is atomic, everything else is
 * immutable or published through volatile fields.
 */
public final class Target implements Endpoint {

    private final TargetConfig config;
    private final InetSocketAddress address;
    private final String hostPort;
    private final AtomicInteger outstanding = new AtomicInteger();

    Target(TargetConfig config) {
        this.config = config;
        this.address = new InetSocketAddress(parseLiteral(config.id()), config.port());
        this.hostPort = config.hostPort();
    }

    public TargetConfig config() {
        return config;
    }

    public InetSocketAddress address() {
        return address;
    }

    /** {@code ip:port} ({@code [v6]:port}) as the access log writes it. */
    public String hostPort() {
        return hostPort;
    }

    @Override
    public double weight() {
        return config.weight();
    }

    @Override
    public int outstandingRequests() {
        return outstanding.get();
    }

    public void requestStarted() {
        outstanding.incrementAndGet();
    }

    public void requestFinished() {
        outstanding.decrementAndGet();
    }

    @Override
    public String toString() {
        return hostPort;
    }

    private static InetAddress parseLiteral(String id) {
        // Targets are IP literals (validated by the config loader); getByName does no lookup for a literal.
        try {
            return InetAddress.getByName(id);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("target id is not an IP address: " + id, e);
        }
    }
}
