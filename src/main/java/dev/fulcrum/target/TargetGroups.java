package dev.fulcrum.target;

import dev.fulcrum.config.ActionConfig;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.config.TargetConfig;
import dev.fulcrum.config.TargetGroupConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The target groups of one configuration, by name. The map is immutable; a reloaded configuration gives a new one
 * through {@link #reconcile}, which keeps the groups and targets that stay.
 */
public final class TargetGroups {

    private final String loadBalancerName;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Consumer<Target> left;
    private final Map<String, TargetGroup> byName;

    private TargetGroups(String loadBalancerName, Clock clock, ScheduledExecutorService scheduler,
            Consumer<Target> left, Map<String, TargetGroup> byName) {
        this.loadBalancerName = loadBalancerName;
        this.clock = clock;
        this.scheduler = scheduler;
        this.left = left;
        this.byName = byName;
    }

    /**
     * The groups of {@code config}, every target registered.
     *
     * @param clock read for slow-start ramps
     * @param scheduler times deregistration delays; must not be a data-path event loop
     * @param left told of each target that left its group once deregistered and drained (on the scheduler)
     */
    public static TargetGroups of(FulcrumConfig config, Clock clock, ScheduledExecutorService scheduler,
            Consumer<Target> left) {
        Map<String, TargetGroup> map = new LinkedHashMap<>();
        String lbName = config.loadBalancer().name();
        Set<String> used = forwardedTo(config);
        config.targetGroups().forEach(tg -> map.put(tg.name(),
                new TargetGroup(lbName, tg, clock, scheduler, left, used.contains(tg.name()))));
        return new TargetGroups(lbName, clock, scheduler, left, Collections.unmodifiableMap(map));
    }

    /**
     * The groups of a reloaded configuration. A group that stays (same name, same load balancer name) is the
     * same object, reconfigured; its targets that stay (same id and port) are the same objects with their
     * health, new ones are registered ({@code initial}) and removed ones deregistered (they drain). Groups that
     * are gone have all their targets deregistered.
     */
    public TargetGroups reconcile(FulcrumConfig next) {
        String lbName = next.loadBalancer().name();
        Set<String> used = forwardedTo(next);
        Map<String, TargetGroup> map = new LinkedHashMap<>();
        for (TargetGroupConfig tg : next.targetGroups()) {
            TargetGroup existing = lbName.equals(loadBalancerName) ? byName.get(tg.name()) : null;
            if (existing == null) {
                map.put(tg.name(), new TargetGroup(lbName, tg, clock, scheduler, left, used.contains(tg.name())));
                continue;
            }
            existing.reconfigure(tg, used.contains(tg.name()));
            for (TargetConfig c : tg.targets()) {
                if (existing.find(c.id(), c.port()) == null) {
                    existing.register(c);
                }
            }
            for (Target t : existing.targets()) {
                boolean stays = tg.targets().stream().anyMatch(c -> c.id().equals(t.id()) && c.port() == t.port());
                if (!stays) {
                    existing.deregister(t);
                }
            }
            map.put(tg.name(), existing);
        }
        for (TargetGroup old : byName.values()) {
            if (map.get(old.name()) != old) {
                old.targets().forEach(old::deregister);
            }
        }
        return new TargetGroups(lbName, clock, scheduler, left, Collections.unmodifiableMap(map));
    }

    /** The groups some listener's rule or default action forwards to (with any weight, 0 included). */
    private static Set<String> forwardedTo(FulcrumConfig config) {
        Set<String> names = new HashSet<>();
        for (ListenerConfig l : config.listeners()) {
            List<ActionConfig> actions = new ArrayList<>(l.defaultActions());
            l.rules().forEach(r -> actions.addAll(r.actions()));
            for (ActionConfig a : actions) {
                if (a instanceof ActionConfig.Forward f) {
                    f.targetGroups().forEach(g -> names.add(g.name()));
                }
            }
        }
        return names;
    }

    /** Tells every group where the balancer listens, so none forwards to the balancer itself. */
    public void balancerAddresses(BalancerAddresses addresses) {
        byName.values().forEach(g -> g.balancerAddresses(addresses));
    }

    public TargetGroup get(String name) {
        return byName.get(name);
    }

    /** The groups in configuration order. */
    public Collection<TargetGroup> all() {
        return byName.values();
    }

    /** Every group's targets, for the checks and views that walk them all. */
    public List<Target> allTargets() {
        return byName.values().stream().flatMap(g -> g.targets().stream()).toList();
    }
}
