package dev.fulcrum.balancing;

import java.util.function.LongSupplier;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Round robin over the pickable candidates.
 *
 * <p>While their weights are equal it is a plain rotation that continues after the endpoint picked last, found
 * by identity, so that a list which gained or lost members since the previous pick neither skips nor repeats
 * anyone. When the last pick itself left the list, its successor has moved into its slot, so that slot is next.
 *
 * <p>While weights differ it is nginx's smooth weighted round robin: each pick adds every weight to that
 * endpoint's running score, takes the highest score and takes the total back off it. Over any window of
 * {@code total} picks each endpoint gets its share, interleaved rather than in bursts. Scores are kept by
 * endpoint identity and carried over when the list changes; newcomers start at 0.
 */
final class RoundRobinBalancer implements Balancer {

    RoundRobinBalancer() {
        this(null);
    }

    RoundRobinBalancer(LongSupplier sharedRotation) {
        this.sharedRotation = sharedRotation;
    }

    private static final Endpoint[] NO_ENDPOINTS = {};

    /** Where rotation positions come from when several balancers share one rotation; else null. */
    private final LongSupplier sharedRotation;
    private Endpoint last;
    private int lastIndex;

    /** The candidates the smooth scores belong to, index by index. */
    private Endpoint[] members = NO_ENDPOINTS;
    private double[] scores = new double[0];

    @Override
    public <E extends Endpoint> E pick(List<E> candidates) {
        int size = candidates.size();
        if (size == 0) {
            return null;
        }
        int index = weightsDiffer(candidates) ? pickSmoothly(candidates) : pickInRotation(candidates);
        if (index < 0) {
            return null;
        }
        E picked = candidates.get(index);
        last = picked;
        lastIndex = index;
        return picked;
    }

    /** Whether two pickable candidates have different weights. */
    private static boolean weightsDiffer(List<? extends Endpoint> candidates) {
        double first = Double.NaN;
        for (int i = 0; i < candidates.size(); i++) {
            double weight = candidates.get(i).weight();
            if (!Weights.isPickable(weight)) {
                continue;
            }
            if (Double.isNaN(first)) {
                first = weight;
            } else if (weight != first) {
                return true;
            }
        }
        return false;
    }

    private int pickInRotation(List<? extends Endpoint> candidates) {
        int size = candidates.size();
        int start = rotationStart(candidates);
        for (int step = 0; step < size; step++) {
            int index = (start + step) % size;
            if (Weights.isPickable(candidates.get(index).weight())) {
                return index;
            }
        }
        return -1;
    }

    private int rotationStart(List<? extends Endpoint> candidates) {
        int size = candidates.size();
        if (sharedRotation != null) {
            return (int) Math.floorMod(sharedRotation.getAsLong(), (long) size);
        }
        if (last == null) {
            return 0;
        }
        if (lastIndex < size && candidates.get(lastIndex) == last) {
            return (lastIndex + 1) % size; // the usual case: the list did not change
        }
        for (int i = 0; i < size; i++) {
            if (candidates.get(i) == last) {
                return (i + 1) % size;
            }
        }
        // The last pick left: whoever followed it moved into its slot, or the list now ends before it.
        return lastIndex < size ? lastIndex : 0;
    }

    private int pickSmoothly(List<? extends Endpoint> candidates) {
        syncMembers(candidates);
        double total = 0;
        int best = -1;
        for (int i = 0; i < members.length; i++) {
            double weight = members[i].weight();
            if (!Weights.isPickable(weight)) {
                continue;
            }
            scores[i] += weight;
            total += weight;
            if (best < 0 || scores[i] > scores[best]) {
                best = i;
            }
        }
        if (best >= 0) {
            scores[best] -= total;
        }
        return best;
    }

    /** Rebuilds the scores when the candidates are not the same endpoints, in the same order, as last time. */
    private void syncMembers(List<? extends Endpoint> candidates) {
        if (sameMembers(candidates)) {
            return;
        }
        Map<Endpoint, Double> previous = new IdentityHashMap<>(members.length * 2);
        for (int i = 0; i < members.length; i++) {
            previous.put(members[i], scores[i]);
        }
        int size = candidates.size();
        members = candidates.toArray(NO_ENDPOINTS);
        scores = new double[size];
        for (int i = 0; i < size; i++) {
            scores[i] = previous.getOrDefault(members[i], 0.0);
        }
    }

    private boolean sameMembers(List<? extends Endpoint> candidates) {
        if (candidates.size() != members.length) {
            return false;
        }
        for (int i = 0; i < members.length; i++) {
            if (candidates.get(i) != members[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "round_robin";
    }
}
