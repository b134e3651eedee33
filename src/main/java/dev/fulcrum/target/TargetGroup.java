package dev.fulcrum.target;

import dev.fulcrum.config.TargetConfig;
import dev.fulcrum.config.TargetGroupConfig;
import dev.fulcrum.config.MinimumHealthyTargets;
import dev.fulcrum.core.ResourceIds;
import dev.fulcrum.target.TargetHealth.State;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A target group at run time: its configuration, its ARN, its registered targets and their health.
 *
 * <p>Reads ({@link #routing()}, {@link #targets()}, the counts) are lock-free: each change (registration,
 * deregistration, a health transition, a new configuration) publishes a new immutable list and a new
 * {@link RoutableTargets} snapshot. Changes come from the health checker's thread, the reload thread and, when a
 * draining target empties, an event loop handing over to the group's scheduler; they are serialised on the group.
 */
public final class TargetGroup {

    private static final Logger log = LoggerFactory.getLogger(TargetGroup.class);

    private final String arn;
    private final String id;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Consumer<Target> left;
    private final AtomicLong rotation = new AtomicLong();
    private volatile TargetGroupConfig config;
    /** Registered targets, draining ones included, in registration order. */
    private volatile List<Target> targets = List.of();
    private volatile RoutableTargets routing = RoutableTargets.NONE;
    /** Whether a listener forwards to this group; ALB neither checks nor counts the targets of one that is not. */
    private volatile boolean inUse;
    /** Where the balancer listens: a target there is the balancer itself. */
    private BalancerAddresses balancer = BalancerAddresses.NONE;

    /**
     * @param scheduler where deregistration delays are timed (never a data-path event loop)
     * @param left told of each target that left the group
     * @param inUse whether a listener's rule or default action forwards to the group
     */
    TargetGroup(String loadBalancerName, TargetGroupConfig config, Clock clock, ScheduledExecutorService scheduler,
            Consumer<Target> left, boolean inUse) {
        this.config = config;
        this.arn = ResourceIds.targetGroupArn(loadBalancerName, config.name());
        this.id = ResourceIds.targetGroupId(loadBalancerName, config.name());
        this.clock = clock;
        this.scheduler = scheduler;
        this.left = left;
        this.inUse = inUse;
        config.targets().forEach(this::register);
    }

    public String name() {
        return config.name();
    }

    public TargetGroupConfig config() {
        return config;
    }

    /** {@code arn:aws:elasticloadbalancing:local:000000000000:targetgroup/<name>/<16 hex>}. */
    public String arn() {
        return arn;
    }

    /** The CloudWatch TargetGroup dimension, {@code targetgroup/<name>/<16 hex>}. */
    public String id() {
        return id;
    }

    /** Registered targets, draining ones included. */
    public List<Target> targets() {
        return targets;
    }

    /** The next position of the group's round-robin rotation, shared by every event loop. */
    public long nextRotation() {
        return rotation.getAndIncrement();
    }

    /**
     * The targets that may receive new requests now, and whether the group is in routing failover: the healthy
     * ones (and those whose checks are disabled) while they meet {@code unhealthy_state_routing}'s thresholds;
     * while none is, the ones still in their initial checks; otherwise every active target, unhealthy ones
     * included (failover; with the default threshold, ALB's fail-open when every target is unhealthy). Draining
     * targets never.
     */
    public RoutableTargets routing() {
        return routing;
    }

    /** The targets of {@link #routing()}. */
    public List<Target> routable() {
        return routing.targets();
    }

    /** Whether the group is in routing failover now (UnhealthyStateRouting). */
    public boolean inFailover() {
        return routing.failover();
    }

    /**
     * Targets counted in HealthyHostCount: healthy ones, and those whose health checks are disabled (in service,
     * as ALB counts them).
     */
    public int healthyTargetCount() {
        return (int) targets.stream().filter(t -> RoutableTargets.inService(t.health())).count();
    }

    /** Targets counted in UnHealthyHostCount. */
    public int unhealthyTargetCount() {
        return (int) targets.stream().filter(t -> t.health().is(State.UNHEALTHY)).count();
    }

    /** The registered, not draining, target with this id and port, or {@code null}. */
    public Target find(String targetId, int port) {
        for (Target t : targets) {
            if (t.id().equals(targetId) && t.port() == port && !t.health().is(State.DRAINING)) {
                return t;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Changes

    /**
     * Registers a target: {@code initial} while health checks are on, {@code unavailable} when they are off, and
     * {@code unused} ({@code Target.NotInUse}) while no listener forwards to the group.
     */
    public synchronized Target register(TargetConfig targetConfig) {
        TargetHealth first = startingHealth(Target.addressOf(targetConfig));
        Target t = new Target(targetConfig, first, clock);
        t.rampOnFirstHealthy(servingOutsideRamp(t));
        List<Target> next = new ArrayList<>(targets);
        next.add(t);
        targets = List.copyOf(next);
        log.info("Target {} registered in {}: {}{}", t, name(), first.state().apiName(), explained(first));
        recompute();
        return t;
    }

    /**
     * Deregisters a target: it drains (no new requests), leaves as soon as nothing is in flight, and when
     * {@code deregistration_delay.timeout_seconds} elapses first, what is still in flight is cut.
     */
    public synchronized void deregister(Target t) {
        if (!targets.contains(t) || t.health().is(State.DRAINING)) {
            return;
        }
        transition(t, TargetHealth.DEREGISTRATION_IN_PROGRESS);
        t.onDrained(() -> {
            try {
                scheduler.execute(() -> leave(t)); // the last request ended on an event loop: hand over
            } catch (RejectedExecutionException e) {
                // the load balancer is stopping; nothing is left to leave
            }
        });
        if (!t.hasInFlight()) {
            leave(t);
            return;
        }
        Duration delay = config.attributes().deregistrationDelay();
        scheduler.schedule(() -> {
            List<Target.InFlight> cut = t.inFlight();
            if (!cut.isEmpty() && targets.contains(t)) {
                log.warn("Deregistration delay of {} elapsed for target {} of {}: cutting {} request(s) in flight",
                        delay, t, name(), cut.size());
                for (Target.InFlight request : cut) {
                    try {
                        request.deregistrationDelayElapsed();
                    } catch (RejectedExecutionException e) {
                        // its event loop is stopping: the request ends with it
                    }
                }
            }
            leave(t);
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * A new configuration of this group (same name): attributes, health check and target weights; and whether a
     * listener now forwards to it. Targets whose checks are switched on or off, or whose group comes into or out
     * of use, start over as a new registration would.
     */
    public synchronized void reconfigure(TargetGroupConfig newConfig, boolean nowInUse) {
        boolean restart = newConfig.healthCheck().enabled() != config.healthCheck().enabled() || nowInUse != inUse;
        this.config = newConfig;
        this.inUse = nowInUse;
        for (Target t : targets) {
            if (t.health().is(State.DRAINING)) {
                continue;
            }
            newConfig.targets().stream()
                    .filter(c -> c.id().equals(t.id()) && c.port() == t.port())
                    .findFirst().ifPresent(t::config);
            if (restart) {
                transition(t, startingHealth(t.address()));
            }
        }
        recompute();
    }

    /**
     * The listeners' addresses changed (bound at start, or by a reload): targets that now are the balancer itself
     * become {@code unused} ({@code Target.IpUnusable}); those that no longer are start over as registered.
     */
    public synchronized void balancerAddresses(BalancerAddresses now) {
        this.balancer = now;
        for (Target t : targets) {
            boolean self = now.contains(t.address());
            if (!t.health().is(State.DRAINING) && self != t.health().equals(TargetHealth.IP_UNUSABLE)) {
                transition(t, startingHealth(t.address()));
            }
        }
        recompute();
    }

    private TargetHealth startingHealth(InetSocketAddress target) {
        if (balancer.contains(target)) {
            return TargetHealth.IP_UNUSABLE;
        }
        if (!inUse) {
            return TargetHealth.NOT_IN_USE;
        }
        return config.healthCheck().enabled()
                ? TargetHealth.REGISTRATION_IN_PROGRESS : TargetHealth.HEALTH_CHECK_DISABLED;
    }

    /**
     * Moves {@code t} to {@code health}; logs the transition once and recomputes what is routable. A target that
     * turns healthy enters slow start when the group has one and another healthy target is out of it (for its
     * first turn, only if that was so when it registered: targets registered together into a group with no
     * healthy target start at full weight, as on ALB). A draining target only leaves.
     */
    public synchronized void transition(Target t, TargetHealth health) {
        TargetHealth from = t.health();
        if (from.equals(health) || !targets.contains(t)) {
            return;
        }
        if (from.is(State.DRAINING) && !health.is(State.UNUSED)) {
            return; // a draining target only leaves
        }
        boolean fromCheck = health.is(State.INITIAL) || health.is(State.HEALTHY) || health.is(State.UNHEALTHY);
        if (fromCheck && (!inUse || !config.healthCheck().enabled())) {
            return; // a late check outcome for a group no longer in use, or whose checks were switched off
        }
        t.health(health);
        if (health.is(State.HEALTHY) && !from.is(State.HEALTHY)) {
            long ramp = config.attributes().slowStartDuration().toMillis();
            if (t.mayRampNow() && ramp > 0 && servingOutsideRamp(t)) {
                t.startRamp(clock.millis(), ramp);
            }
        } else if (!health.is(State.HEALTHY)) {
            t.stopRamp();
        }
        log.info("Target {} of {}: {} -> {}{}", t, name(), from.state().apiName(), health.state().apiName(),
                explained(health));
        recompute();
    }

    /** " (reason: description)" as describe-target-health gives them, or nothing for a healthy target. */
    private static String explained(TargetHealth health) {
        return health.reason() == null ? "" : " (" + health.reason() + ": " + health.description() + ")";
    }

    private synchronized void leave(Target t) {
        if (!targets.contains(t)) {
            return;
        }
        transition(t, TargetHealth.NOT_REGISTERED);
        List<Target> next = new ArrayList<>(targets);
        next.remove(t);
        targets = List.copyOf(next);
        recompute();
        left.accept(t);
    }

    /** Whether another target is healthy and out of its slow-start ramp. */
    private boolean servingOutsideRamp(Target t) {
        return targets.stream().anyMatch(o -> o != t && o.health().is(State.HEALTHY) && !o.isRamping());
    }

    /** Publishes what is routable now; logs once when the group enters or leaves routing failover. */
    private void recompute() {
        RoutableTargets before = routing;
        MinimumHealthyTargets thresholds = config.attributes().unhealthyStateRouting();
        RoutableTargets now = RoutableTargets.of(targets, thresholds);
        routing = now;
        if (now.failover() && !before.failover()) {
            log.info("Target group {} in routing failover: {} of {} target(s) healthy, below the minimum ({}):"
                    + " unhealthy targets receive requests too", name(), now.healthy(), now.active(), thresholds);
        } else if (before.failover() && !now.failover()) {
            log.info("Target group {} out of routing failover: {} of {} target(s) healthy ({}): requests go to {}"
                    + " target(s)", name(), now.healthy(), now.active(), thresholds, now.targets().size());
        }
    }
}
