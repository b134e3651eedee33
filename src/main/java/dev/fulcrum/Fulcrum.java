package dev.fulcrum;

import dev.fulcrum.admin.AdminResource;
import dev.fulcrum.admin.AdminServer;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.listener.ListenerServer;
import dev.fulcrum.observability.CloudWatchMetrics;
import dev.fulcrum.observability.ExchangeLog;
import dev.fulcrum.pool.TargetConnectionPool;
import dev.fulcrum.pool.Transport;
import dev.fulcrum.proxy.Faults;
import dev.fulcrum.proxy.LoopResources;
import dev.fulcrum.proxy.ProxyContext;
import dev.fulcrum.proxy.RoutingState;
import dev.fulcrum.routing.Router;
import dev.fulcrum.target.TargetGroups;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running load balancer: the composition root that builds event loops, per-loop pools, listeners and routing
 * state from one configuration, and stops them cleanly.
 */
public final class Fulcrum implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Fulcrum.class);
    /** Idle connections kept per target and event loop. */
    private static final int MAX_IDLE_PER_TARGET = 256;

    /**
     * How to run, beyond the configuration file.
     *
     * @param transport {@code auto}, {@code io_uring}, {@code epoll} or {@code nio}
     * @param eventLoops event-loop threads (0 = one per core)
     * @param drainTimeout how long a stop waits for in-flight requests before cutting them
     */
    public record Options(String transport, int eventLoops, ExchangeLog log, Clock clock, long randomSeed,
            Duration drainTimeout, Faults faults) {

        public static Options defaults() {
            return new Options("auto", 0, ExchangeLog.discard(), Clock.systemUTC(), System.nanoTime(),
                    Duration.ofSeconds(30), Faults.NONE);
        }

        public Options withLog(ExchangeLog log) {
            return new Options(transport, eventLoops, log, clock, randomSeed, drainTimeout, faults);
        }

        public Options withEventLoops(int eventLoops) {
            return new Options(transport, eventLoops, log, clock, randomSeed, drainTimeout, faults);
        }

        public Options withTransport(String transport) {
            return new Options(transport, eventLoops, log, clock, randomSeed, drainTimeout, faults);
        }

        public Options withDrainTimeout(Duration drainTimeout) {
            return new Options(transport, eventLoops, log, clock, randomSeed, drainTimeout, faults);
        }

        public Options withFaults(Faults faults) {
            return new Options(transport, eventLoops, log, clock, randomSeed, drainTimeout, faults);
        }
    }

    private final Options options;
    private final Transport transport;
    private final EventLoopGroup group;
    private final Map<EventExecutor, LoopResources> loops;
    private final List<ListenerServer> listeners = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private final EventLoopGroup adminGroup;
    private AdminServer admin;
    private final Observability observability;
    private volatile FulcrumConfig config;
    private boolean closed;

    private Fulcrum(FulcrumConfig config, Options options) {
        this.config = config;
        this.observability = new Observability(config, options, System.out); // first: it may refuse its folder
        this.options = options.withLog(observability.log()); // exchanges report to the caller, metrics, access log
        this.transport = Transport.choose(options.transport());
        int threads = options.eventLoops() > 0 ? options.eventLoops() : Runtime.getRuntime().availableProcessors();
        this.group = transport.newEventLoopGroup(threads, new DefaultThreadFactory("fulcrum-loop", true));
        SplittableRandom seeds = new SplittableRandom(options.randomSeed());
        Map<EventExecutor, LoopResources> map = new HashMap<>();
        Duration idle = config.loadBalancer().attributes().idleTimeout();
        for (EventExecutor e : group) {
            EventLoop loop = (EventLoop) e;
            map.put(loop, new LoopResources(new TargetConnectionPool(loop, transport, idle, MAX_IDLE_PER_TARGET),
                    seeds.split()));
        }
        this.loops = Map.copyOf(map);
        this.adminGroup = transport.newEventLoopGroup(1, new DefaultThreadFactory("fulcrum-admin", true));
    }

    /** Starts a load balancer for {@code config} (already validated); returns once every listener is bound. */
    public static Fulcrum start(FulcrumConfig config, Options options) throws InterruptedException {
        Fulcrum f = new Fulcrum(config, options);
        try {
            f.bindListeners();
            f.startAdmin();
        } catch (InterruptedException | RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    private void bindListeners() throws InterruptedException {
        TargetGroups groups = TargetGroups.of(config);
        observability.targetGroups(groups);
        long seed = options.randomSeed();
        for (ListenerConfig lc : config.listeners()) {
            RoutingState state = RoutingState.of(config.loadBalancer().attributes(), Router.compile(lc), groups);
            ProxyContext context = new ProxyContext("http", state, loops, options.log(), options.clock(),
                    options.faults());
            ListenerServer server = new ListenerServer(lc, context, group, transport, ++seed);
            InetSocketAddress bound = server.bind();
            listeners.add(server);
            addresses.add(bound);
            log.info("Listener {} (HTTP) accepting on {}", lc.port(), bound);
        }
        log.info("Load balancer '{}' started: transport {}, {} event loops", config.loadBalancer().name(),
                transport, loops.size());
    }

    /** The admin endpoint's resources; each issue's views plug in here. */
    private List<AdminResource> adminResources() {
        return observability.adminResources();
    }

    /** The CloudWatch metrics of this load balancer. */
    public CloudWatchMetrics metrics() {
        return observability.metrics();
    }

    private void startAdmin() throws InterruptedException {
        admin = AdminServer.start(adminResources(), adminGroup, transport.serverChannelClass(),
                config.admin().host(), config.admin().port());
    }

    /** Where the admin endpoint listens. */
    public InetSocketAddress adminAddress() {
        return admin.address();
    }

    public FulcrumConfig config() {
        return config;
    }

    public Transport transport() {
        return transport;
    }

    /** Bound addresses of the listeners, in configuration order. */
    public List<InetSocketAddress> listenerAddresses() {
        return List.copyOf(addresses);
    }

    public int port(int listenerIndex) {
        return addresses.get(listenerIndex).getPort();
    }

    /** Open client connections over all listeners. */
    public int openConnections() {
        return listeners.stream().mapToInt(ListenerServer::openConnections).sum();
    }

    /**
     * Stops cleanly: stop accepting, let in-flight requests finish (up to the drain timeout), close idle
     * keep-alive connections, then cut what is left and stop the event loops.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listeners.forEach(ListenerServer::stopAccepting);
        listeners.forEach(ListenerServer::drain);
        long deadline = System.nanoTime() + options.drainTimeout().toNanos();
        while (openConnections() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10); // the main thread waits for loops to drain; no event loop ever blocks here
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        int cut = openConnections();
        if (cut > 0) {
            log.warn("Drain timeout: closing {} connections with requests still in flight", cut);
            listeners.forEach(ListenerServer::closeConnections);
        }
        for (LoopResources r : loops.values()) {
            r.pool().loop().execute(() -> r.pool().close());
        }
        if (admin != null) {
            admin.close();
        }
        adminGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        observability.close(); // after the loops: every finished exchange has been recorded
        log.info("Load balancer '{}' stopped", config.loadBalancer().name());
    }
}
