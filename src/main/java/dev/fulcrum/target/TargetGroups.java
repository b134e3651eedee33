package dev.fulcrum.target;

import dev.fulcrum.config.FulcrumConfig;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The target groups of one configuration, by name. Immutable; a new configuration builds a new one. */
public final class TargetGroups {

    private final Map<String, TargetGroup> byName;

    private TargetGroups(Map<String, TargetGroup> byName) {
        this.byName = byName;
    }

    public static TargetGroups of(FulcrumConfig config) {
        Map<String, TargetGroup> map = new LinkedHashMap<>();
        String lbName = config.loadBalancer().name();
        config.targetGroups().forEach(tg -> map.put(tg.name(), new TargetGroup(lbName, tg)));
        return new TargetGroups(Map.copyOf(map));
    }

    public TargetGroup get(String name) {
        return byName.get(name);
    }

    public Collection<TargetGroup> all() {
        return byName.values();
    }
}
