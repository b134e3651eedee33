package dev.fulcrum;

import dev.fulcrum.pool.TargetConnectionPool;
import dev.fulcrum.proxy.LoopResources;
import dev.fulcrum.target.Target;
import dev.fulcrum.transport.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The threads of a load balancer, all on one {@link Transport}: the data path's event loops, each with its own
 * {@link LoopResources} (target connection pool, balancers, random source); one loop for the health checks and
 * deregistration delays; one for the admin endpoint. Neither of the last two can slow the data path.
 */
final class EventLoops implements AutoCloseable {

    /**
     * Idle connections kept per target and event loop: with 256, 1,000 busy clients made the pool close and reopen
     * about one target connection per two requests (bench/compare.sh scenario 3).
     */
    private static final int MAX_IDLE_PER_TARGET = 1024;

    private final Transport transport;
    private final EventLoopGroup data;
    private final Map<EventExecutor, LoopResources> resources;
    private final EventLoopGroup health;
    private final EventLoopGroup admin;

    /**
     * @param transport {@code auto}, {@code io_uring}, {@code epoll} or {@code nio}
     * @param threads event loops of the data path; 0 is one per core
     * @param idleTimeout how long the pools keep an idle target connection
     * @param seeds one split per loop, for its random source
     */
    EventLoops(String transport, int threads, Duration idleTimeout, SplittableRandom seeds) {
        this.transport = Transport.choose(transport);
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.data = this.transport.newEventLoopGroup(n, new DefaultThreadFactory("fulcrum-loop", true));
        Map<EventExecutor, LoopResources> map = new HashMap<>();
        for (EventExecutor e : data) {
            EventLoop loop = (EventLoop) e;
            map.put(loop, new LoopResources(
                    new TargetConnectionPool(loop, this.transport, idleTimeout, MAX_IDLE_PER_TARGET), seeds.split()));
        }
        this.resources = Map.copyOf(map);
        this.health = this.transport.newEventLoopGroup(1, new DefaultThreadFactory("fulcrum-health", true));
        this.admin = this.transport.newEventLoopGroup(1, new DefaultThreadFactory("fulcrum-admin", true));
    }

    Transport transport() {
        return transport;
    }

    /** The data path's loops: listeners accept and serve on them, target connections live on them. */
    EventLoopGroup data() {
        return data;
    }

    /** What belongs to each data-path loop. */
    Map<EventExecutor, LoopResources> resources() {
        return resources;
    }

    int size() {
        return resources.size();
    }

    /** Health checks and deregistration delays. */
    EventLoopGroup health() {
        return health;
    }

    EventLoopGroup admin() {
        return admin;
    }

    /** A new {@code idle_timeout.timeout_seconds}: the pools close idle target connections after it. */
    void idleTimeout(Duration idle) {
        resources.values().forEach(r -> r.pool().idleTimeout(idle));
    }

    /** A target left its group: its idle pooled connections go too, as ALB closes them on deregistration. */
    void closeIdleConnections(Target t) {
        for (LoopResources r : resources.values()) {
            if (!r.pool().loop().isShuttingDown()) {
                r.pool().loop().execute(() -> r.pool().closeIdle(t.address()));
            }
        }
    }

    /**
     * Closes the pools, then stops every loop; returns once the health and data loops have stopped, so that no
     * check, drain timer or exchange outlives the balancer.
     */
    @Override
    public void close() {
        for (LoopResources r : resources.values()) {
            r.pool().loop().execute(() -> r.pool().close());
        }
        admin.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        health.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        data.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
