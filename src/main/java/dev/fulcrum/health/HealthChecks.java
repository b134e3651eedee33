package dev.fulcrum.health;

import dev.fulcrum.target.TargetGroup;
import dev.fulcrum.target.TargetGroups;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The health checkers of a load balancer, one per target group, on the health event loop group it is given (its
 * own threads: never the data path's loops nor the admin loop). {@link #sync} follows the target groups after a
 * start or a reload.
 */
public final class HealthChecks implements AutoCloseable {

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelClass;
    private final SplittableRandom random;
    private final Supplier<SslContext> tls;
    private final Map<TargetGroup, HealthChecker> checkers = new IdentityHashMap<>();

    /**
     * @param randomSeed places each target's first check within its interval
     * @param tls the TLS context of HTTPS health checks (made on first use)
     */
    public HealthChecks(EventLoopGroup group, Class<? extends SocketChannel> channelClass, long randomSeed,
            Supplier<SslContext> tls) {
        this.tls = tls;
        this.group = group;
        this.channelClass = channelClass;
        this.random = new SplittableRandom(randomSeed);
    }

    /** Checks every target of {@code groups}; stops the checkers of groups no longer there. */
    public synchronized void sync(TargetGroups groups) {
        Map<TargetGroup, HealthChecker> next = new IdentityHashMap<>();
        for (TargetGroup g : groups.all()) {
            HealthChecker c = checkers.remove(g);
            if (c == null) {
                c = new HealthChecker(g, (EventLoop) group.next(), channelClass, random.split(), tls);
            }
            next.put(g, c);
            c.sync();
        }
        checkers.values().forEach(HealthChecker::stop);
        checkers.clear();
        checkers.putAll(next);
    }

    @Override
    public synchronized void close() {
        checkers.values().forEach(HealthChecker::stop);
        checkers.clear();
    }
}
