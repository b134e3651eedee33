package dev.fulcrum;

import dev.fulcrum.admin.AdminResource;
import dev.fulcrum.admin.AdminServer;
import dev.fulcrum.admin.TargetHealthResource;
import dev.fulcrum.config.AdminConfig;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.TargetConfig;
import dev.fulcrum.observability.CloudWatchMetrics;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetGroups;
import dev.fulcrum.tls.TargetTls;
import dev.fulcrum.transport.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running load balancer, embeddable: {@link #start} it from a configuration (already validated) and
 * {@link FulcrumOptions}, {@link #reload} a new configuration, register and deregister targets while it runs, read
 * its addresses, target groups and metrics, and {@link #close} it.
 *
 * <p>Its parts: the {@link EventLoops} and what belongs to each, the {@link TargetRegistry} of target groups and
 * their health checks, the {@link Listeners}, the admin endpoint, and the {@link Observability} that counts and logs
 * each exchange.
 */
public final class Fulcrum implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Fulcrum.class);

    private final FulcrumOptions options;
    private final Observability observability;
    private final EventLoops loops;
    private final TargetRegistry targets;
    private final Listeners listeners;
    private volatile FulcrumConfig config;
    private AdminServer admin;
    private boolean started;
    private boolean closed;

    private Fulcrum(FulcrumConfig config, FulcrumOptions options) {
        this.config = config;
        this.options = options;
        // First: it may refuse the access log's folder before any thread starts.
        this.observability = new Observability(config, options.clock(), options.randomSeed(), options.log(),
                System.out);
        SplittableRandom seeds = new SplittableRandom(options.randomSeed());
        try {
            this.loops = new EventLoops(options.transport(), options.eventLoops(),
                    config.loadBalancer().attributes().idleTimeout(), seeds);
        } catch (RuntimeException e) { // an unknown transport
            observability.close();
            throw e;
        }
        TargetTls targetTls = new TargetTls();
        this.targets = new TargetRegistry(options.clock(), loops, seeds.nextLong(), observability, targetTls);
        this.listeners = new Listeners(loops, observability.log(), options, targetTls);
    }

    /**
     * Starts a load balancer for {@code config} (already validated); returns once every listener and the admin
     * endpoint are bound.
     *
     * @throws CannotListenException when a listener or the admin endpoint cannot listen on its address; whatever
     *     had started is stopped again
     * @throws IllegalArgumentException when the access log cannot write to its folder
     */
    public static Fulcrum start(FulcrumConfig config, FulcrumOptions options) throws InterruptedException {
        Fulcrum f = new Fulcrum(config, options);
        try {
            f.serve();
        } catch (InterruptedException | RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    private void serve() throws InterruptedException {
        TargetGroups groups = targets.prepare(config);
        listeners.bind(config, groups);
        targets.serve(groups, listeners.addresses()); // before the admin endpoint, which shows them
        AdminConfig a = config.admin();
        admin = CannotListenException.bind(a.host(), a.port(), "admin.listen", () -> AdminServer.start(
                adminResources(), loops.admin(), loops.transport().serverChannelClass(), a.host(), a.port()));
        started = true;
        log.info("Load balancer '{}' started: transport {}, {} event loops", config.loadBalancer().name(),
                loops.transport(), loops.size());
    }

    /** The admin endpoint's resources; each issue's views plug in here. */
    private List<AdminResource> adminResources() {
        List<AdminResource> resources = new ArrayList<>(observability.adminResources());
        resources.add(new TargetHealthResource(targets::inService));
        return resources;
    }

    /**
     * Applies a new configuration (already validated) without dropping in-flight requests or established client
     * connections: listeners that stay (same address and port) get the new rules and attributes for their next
     * requests; new listeners are bound and removed ones stop accepting and close each connection after its
     * current request; target groups and targets that stay keep their state, new targets start {@code initial},
     * removed ones drain. {@code admin.listen} and the event loops stay as started. A listener that cannot be bound
     * is logged, and the rest applies.
     */
    public synchronized void reload(FulcrumConfig next) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the load balancer is stopped");
        }
        TargetGroups groups = targets.prepare(next);
        listeners.reconcile(next, groups);
        targets.serve(groups, listeners.addresses());
        loops.idleTimeout(next.loadBalancer().attributes().idleTimeout());
        if (!next.admin().equals(config.admin())) {
            log.warn("Reload: admin.listen changed to {}; it stays on {} until a restart",
                    CannotListenException.hostPort(next.admin().host(), next.admin().port()), adminAddress());
        }
        config = next;
        log.info("Configuration reloaded: {} listener(s), {} target group(s)", listeners.addresses().size(),
                groups.all().size());
    }

    /**
     * Registers a target in a running target group, as ELBv2's RegisterTargets: it starts {@code initial} and is
     * checked from now on. The configuration file is not changed; its next reload decides again.
     *
     * @throws IllegalArgumentException when no target group has that name
     */
    public synchronized Target registerTarget(String groupName, TargetConfig target) {
        return targets.register(groupName, target);
    }

    /** Deregisters a target, as ELBv2's DeregisterTargets: it drains; returns whether it was registered. */
    public synchronized boolean deregisterTarget(String groupName, String targetId, int port) {
        return targets.deregister(groupName, targetId, port);
    }

    /** The target groups in service now (they change on reload). */
    public TargetGroups targetGroups() {
        return targets.inService();
    }

    /** The CloudWatch metrics of this load balancer. */
    public CloudWatchMetrics metrics() {
        return observability.metrics();
    }

    /** Where the admin endpoint listens. */
    public InetSocketAddress adminAddress() {
        return admin.address();
    }

    /** The configuration in service (the last one applied). */
    public FulcrumConfig config() {
        return config;
    }

    public Transport transport() {
        return loops.transport();
    }

    /** Bound addresses of the listeners, in configuration order. */
    public List<InetSocketAddress> listenerAddresses() {
        return listeners.addresses();
    }

    /** The bound port of the listener at {@code listenerIndex} (configuration order). */
    public int port(int listenerIndex) {
        return listeners.addresses().get(listenerIndex).getPort();
    }

    /** Open client connections over all listeners. */
    public int openConnections() {
        return listeners.openConnections();
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
        targets.close();
        listeners.close(options.drainTimeout());
        if (admin != null) {
            admin.close();
        }
        loops.close();
        observability.close(); // after the loops: every finished exchange has been recorded
        if (started) {
            log.info("Load balancer '{}' stopped", config.loadBalancer().name());
        }
    }
}
