package dev.fulcrum;

import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.TargetConfig;
import dev.fulcrum.health.HealthChecks;
import dev.fulcrum.target.BalancerAddresses;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetGroup;
import dev.fulcrum.target.TargetGroups;
import dev.fulcrum.tls.TargetTls;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

/**
 * The target groups in service and their health checks: made from the first configuration, reconciled with each
 * next one (groups and targets that stay keep their state), registered into and deregistered from while the
 * balancer runs (as ELBv2's RegisterTargets and DeregisterTargets), and checked again after every change.
 */
final class TargetRegistry implements AutoCloseable {

    private final Clock clock;
    private final EventLoops loops;
    private final Observability observability;
    private final HealthChecks healthChecks;
    private volatile TargetGroups inService;

    /** @param randomSeed places each target's first check within its interval */
    TargetRegistry(Clock clock, EventLoops loops, long randomSeed, Observability observability, TargetTls tls) {
        this.clock = clock;
        this.loops = loops;
        this.observability = observability;
        this.healthChecks = new HealthChecks(loops.health(), loops.transport().socketChannelClass(), randomSeed,
                tls::forHealthChecks);
    }

    /**
     * The target groups of {@code config}: new ones the first time, else those in service reconciled with it. Its
     * metrics are published at once; routing and checks follow once {@link #serve} puts them in service.
     */
    TargetGroups prepare(FulcrumConfig config) {
        TargetGroups current = inService;
        TargetGroups groups = current == null
                ? TargetGroups.of(config, clock, loops.health(), loops::closeIdleConnections)
                : current.reconcile(config);
        observability.targetGroups(groups);
        return groups;
    }

    /**
     * Puts {@code groups} in service behind listeners bound on {@code listenerAddresses} (a target there would be
     * the balancer itself) and checks their targets.
     */
    synchronized void serve(TargetGroups groups, List<InetSocketAddress> listenerAddresses) {
        groups.balancerAddresses(BalancerAddresses.of(listenerAddresses));
        inService = groups;
        healthChecks.sync(groups);
    }

    /** The target groups in service now (a reload replaces them). */
    TargetGroups inService() {
        return inService;
    }

    /** Registers a target; one already registered is returned as it is. */
    synchronized Target register(String groupName, TargetConfig target) {
        TargetGroup g = group(groupName);
        Target existing = g.find(target.id(), target.port());
        Target t = existing != null ? existing : g.register(target);
        healthChecks.sync(inService);
        return t;
    }

    /** Deregisters a target: it drains; returns whether it was registered. */
    synchronized boolean deregister(String groupName, String targetId, int port) {
        TargetGroup g = group(groupName);
        Target t = g.find(targetId, port);
        if (t == null) {
            return false;
        }
        g.deregister(t);
        healthChecks.sync(inService);
        return true;
    }

    private TargetGroup group(String name) {
        TargetGroup g = inService.get(name);
        if (g == null) {
            throw new IllegalArgumentException("no target group named '" + name + "'");
        }
        return g;
    }

    /** Stops every check. */
    @Override
    public synchronized void close() {
        healthChecks.close();
    }
}
