package dev.fulcrum.balancing;

import java.util.List;
import java.util.random.RandomGenerator;

/** Weighted random: a candidate's chance is its weight over the sum of the pickable candidates' weights. */
final class WeightedRandomBalancer implements Balancer {

    private final RandomGenerator random;
    /**
     * Each candidate's weight as read once per pick, so a weight that ramps up between the two passes cannot make
     * the cumulative walk miss. Reused across picks; safe because one thread owns this balancer.
     */
    private double[] weights = new double[8];

    WeightedRandomBalancer(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public <E extends Endpoint> E pick(List<E> candidates) {
        int size = candidates.size();
        if (weights.length < size) {
            weights = new double[Math.max(size, weights.length * 2)];
        }
        double total = 0;
        int lastPickable = -1;
        for (int i = 0; i < size; i++) {
            double weight = candidates.get(i).weight();
            weights[i] = Weights.isPickable(weight) ? weight : 0;
            if (weights[i] > 0) {
                total += weights[i];
                lastPickable = i;
            }
        }
        if (lastPickable < 0) {
            return null;
        }
        double point = random.nextDouble() * total;
        for (int i = 0; i < lastPickable; i++) {
            point -= weights[i];
            if (point < 0) {
                return candidates.get(i);
            }
        }
        return candidates.get(lastPickable); // also where rounding leaves a sliver of the total
    }

    @Override
    public String toString() {
        return "weighted_random";
    }
}
