package dev.fulcrum;

import dev.fulcrum.admin.AdminResource;
import dev.fulcrum.admin.AdminServer;
import dev.fulcrum.admin.TargetHealthResource;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.config.TargetConfig;
import dev.fulcrum.health.HealthChecks;
import dev.fulcrum.listener.ListenerServer;
import dev.fulcrum.observability.CloudWatchMetrics;
import dev.fulcrum.observability.ExchangeLog;
import dev.fulcrum.pool.TargetConnectionPool;
import dev.fulcrum.transport.Transport;
import dev.fulcrum.proxy.LoopResources;
import dev.fulcrum.proxy.ProxyContext;
import dev.fulcrum.proxy.RoutingState;
import dev.fulcrum.routing.Router;
import dev.fulcrum.target.BalancerAddresses;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetGroup;
import dev.fulcrum.target.TargetGroups;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
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
    /**
     * Idle connections kept per target and event loop: with 256, 1,000 busy clients made the pool close and reopen
     * about one target connection per two requests (bench/compare.sh scenario 3).
     */
    private static final int MAX_IDLE_PER_TARGET = 1024;

    private final FulcrumOptions options;
    /** What the exchanges report to: the metrics, the access log, then the caller's log. */
    private final ExchangeLog exchangeLog;
    private final Transport transport;
    private final EventLoopGroup group;
    private final Map<EventExecutor, LoopResources> loops;
    private final List<ListenerServer> listeners = new ArrayList<>();
    private final List<InetSocketAddress> addresses = new ArrayList<>();
    private final EventLoopGroup adminGroup;
    /** Health checks and deregistration delays: their own thread, neither the data path's nor the admin's. */
    private final EventLoopGroup healthGroup;
    private final HealthChecks healthChecks;
    /** Listeners a reload removed: they finish their connections' current requests, then close. */
    private final List<ListenerServer> retired = new ArrayList<>();
    private volatile TargetGroups targetGroups;
    private long listenerSeed;
    private AdminServer admin;
    private final Observability observability;
    private volatile FulcrumConfig config;
    private boolean closed;

    private Fulcrum(FulcrumConfig config, FulcrumOptions options) {
        this.config = config;
        // First: it may refuse its folder.
        this.observability = new Observability(config, options.clock(), options.randomSeed(), options.log(),
                System.out);
        this.options = options;
        this.exchangeLog = observability.log();
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
        this.healthGroup = transport.newEventLoopGroup(1, new DefaultThreadFactory("fulcrum-health", true));
        this.healthChecks = new HealthChecks(healthGroup, transport.socketChannelClass(), seeds.nextLong());
        this.listenerSeed = options.randomSeed();
        this.adminGroup = transport.newEventLoopGroup(1, new DefaultThreadFactory("fulcrum-admin", true));
    }

    /** Starts a load balancer for {@code config} (already validated); returns once every listener is bound. */
    public static Fulcrum start(FulcrumConfig config, FulcrumOptions options) throws InterruptedException {
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
        TargetGroups groups = TargetGroups.of(config, options.clock(), healthGroup, this::closeIdleConnections);
        targetGroups = groups;
        observability.targetGroups(groups);
        for (ListenerConfig lc : config.listeners()) {
            ListenerServer server = bindListener(config, lc, groups);
            listeners.add(server);
            addresses.add(server.address());
        }
        groups.balancerAddresses(BalancerAddresses.of(addresses));
        healthChecks.sync(groups);
        log.info("Load balancer '{}' started: transport {}, {} event loops", config.loadBalancer().name(),
                transport, loops.size());
    }

    private ListenerServer bindListener(FulcrumConfig c, ListenerConfig lc, TargetGroups groups)
            throws InterruptedException {
        ProxyContext context = new ProxyContext("http", routingState(c, lc, groups), loops, exchangeLog,
                options.clock(), options.faults());
        ListenerServer server = new ListenerServer(lc, context, group, transport, ++listenerSeed);
        InetSocketAddress bound = server.bind();
        log.info("Listener {} (HTTP) accepting on {}", lc.port(), bound);
        return server;
    }

    private static RoutingState routingState(FulcrumConfig c, ListenerConfig lc, TargetGroups groups) {
        return RoutingState.of(c.loadBalancer().attributes(), Router.compile(lc), groups);
    }

    /**
     * Applies a new configuration (already validated) without dropping in-flight requests or established client
     * connections: listeners that stay (same address and port) get the new rules and attributes for their next
     * requests; new listeners are bound and removed ones stop accepting and close each connection after its
     * current request; target groups and targets that stay keep their state, new targets start {@code initial},
     * removed ones drain. {@code admin.listen} and the event loops stay as started.
     */
    public synchronized void reload(FulcrumConfig next) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the load balancer is stopped");
        }
        TargetGroups groups = targetGroups.reconcile(next);
        observability.targetGroups(groups);
        List<ListenerServer> old = new ArrayList<>(listeners);
        List<ListenerServer> now = new ArrayList<>();
        for (ListenerConfig lc : next.listeners()) {
            // The same listener: same address, and the same port as configured or as bound (for port 0).
            ListenerServer same = old.stream().filter(l -> l.config().address().equals(lc.address())
                    && (l.config().port() == lc.port() || l.address().getPort() == lc.port()))
                    .findFirst().orElse(null);
            if (same != null) {
                old.remove(same);
                same.context().state(routingState(next, lc, groups));
                now.add(same);
                continue;
            }
            try {
                now.add(bindListener(next, lc, groups));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                log.error("Reload: listener {}:{} could not be bound ({}); the rest of the configuration applies",
                        lc.address(), lc.port(), e.toString());
            }
        }
        retired.removeIf(l -> l.openConnections() == 0); // earlier removals that finished
        for (ListenerServer gone : old) {
            log.info("Reload: listener on {} removed; it stops accepting and its connections close after their"
                    + " current request", gone.address());
            gone.stopAccepting();
            gone.drain();
            retired.add(gone);
        }
        listeners.clear();
        listeners.addAll(now);
        addresses.clear();
        now.forEach(l -> addresses.add(l.address()));
        groups.balancerAddresses(BalancerAddresses.of(addresses));
        targetGroups = groups;
        healthChecks.sync(groups);
        Duration idle = next.loadBalancer().attributes().idleTimeout();
        loops.values().forEach(r -> r.pool().idleTimeout(idle));
        if (!next.admin().equals(config.admin())) {
            log.warn("Reload: admin.listen changed to {}:{}; it stays on {} until a restart", next.admin().host(),
                    next.admin().port(), adminAddress());
        }
        config = next;
        log.info("Configuration reloaded: {} listener(s), {} target group(s)", now.size(), groups.all().size());
    }

    /**
     * Registers a target in a running target group, as ELBv2's RegisterTargets: it starts {@code initial} and is
     * checked from now on. The configuration file is not changed; its next reload decides again.
     */
    public synchronized Target registerTarget(String groupName, TargetConfig target) {
        TargetGroup g = requireGroup(groupName);
        Target existing = g.find(target.id(), target.port());
        Target t = existing != null ? existing : g.register(target);
        healthChecks.sync(targetGroups);
        return t;
    }

    /** Deregisters a target, as ELBv2's DeregisterTargets: it drains; returns whether it was registered. */
    public synchronized boolean deregisterTarget(String groupName, String targetId, int port) {
        TargetGroup g = requireGroup(groupName);
        Target t = g.find(targetId, port);
        if (t == null) {
            return false;
        }
        g.deregister(t);
        healthChecks.sync(targetGroups);
        return true;
    }

    private TargetGroup requireGroup(String name) {
        TargetGroup g = targetGroups.get(name);
        if (g == null) {
            throw new IllegalArgumentException("no target group named '" + name + "'");
        }
        return g;
    }

    /** A target left its group: its idle pooled connections go too, as ALB closes them on deregistration. */
    private void closeIdleConnections(Target t) {
        for (LoopResources r : loops.values()) {
            if (!r.pool().loop().isShuttingDown()) {
                r.pool().loop().execute(() -> r.pool().closeIdle(t.address()));
            }
        }
    }

    /** The target groups in service now (they change on reload). */
    public TargetGroups targetGroups() {
        return targetGroups;
    }

    /** The admin endpoint's resources; each issue's views plug in here. */
    private List<AdminResource> adminResources() {
        List<AdminResource> resources = new ArrayList<>(observability.adminResources());
        resources.add(new TargetHealthResource(() -> targetGroups));
        return resources;
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
        healthChecks.close();
        listeners.addAll(retired);
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
        // No check or drain timer outlives the balancer.
        healthGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        observability.close(); // after the loops: every finished exchange has been recorded
        log.info("Load balancer '{}' stopped", config.loadBalancer().name());
    }
}
