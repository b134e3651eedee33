package dev.fulcrum.routing;

import dev.fulcrum.config.ActionConfig.WeightedTargetGroup;
import java.util.List;
import java.util.random.RandomGenerator;

/** Forwards the request to one target group, or to one of several picked in proportion to their weights. */
public record ForwardAction(List<WeightedTargetGroup> targetGroups) implements Action {

    public ForwardAction {
        targetGroups = List.copyOf(targetGroups);
    }

    @Override
    public String type() {
        return "forward";
    }

    /**
     * The name of the target group this request goes to. A single group is always picked, whatever its weight,
     * because ALB's plain {@code TargetGroupArn} form has no weight. Among several, a group of weight 0 is never
     * picked; when every weight is 0 there is nothing to pick and this returns {@code null}.
     */
    public String pickTargetGroup(RandomGenerator random) {
        int size = targetGroups.size();
        if (size == 1) {
            return targetGroups.get(0).name();
        }
        int total = 0;
        for (int i = 0; i < size; i++) {
            total += Math.max(0, targetGroups.get(i).weight());
        }
        if (total == 0) {
            return null;
        }
        int point = random.nextInt(total);
        for (int i = 0; i < size; i++) {
            WeightedTargetGroup group = targetGroups.get(i);
            point -= Math.max(0, group.weight());
            if (point < 0) {
                return group.name();
            }
        }
        throw new AssertionError("point beyond the total weight"); // unreachable: point < total
    }
}
