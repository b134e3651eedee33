package dev.fulcrum.balancing;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * ALB's least outstanding requests: the pickable candidate with the fewest requests in flight. Weights other than
 * 0 play no part, as ALB does not combine this algorithm with slow start. Among equally loaded candidates one is
 * chosen uniformly (reservoir sampling), so that idle targets share new requests instead of the first one in the
 * list taking them all.
 */
final class LeastOutstandingRequestsBalancer implements Balancer {

    private final RandomGenerator random;

    LeastOutstandingRequestsBalancer(RandomGenerator random) {
        this.random = random;
    }

    @Override
    public <E extends Endpoint> E pick(List<E> candidates) {
        E best = null;
        int fewest = Integer.MAX_VALUE;
        int ties = 0;
        for (int i = 0; i < candidates.size(); i++) {
            E candidate = candidates.get(i);
            if (!Weights.isPickable(candidate.weight())) {
                continue;
            }
            int outstanding = candidate.outstandingRequests();
            if (best == null || outstanding < fewest) {
                best = candidate;
                fewest = outstanding;
                ties = 1;
            } else if (outstanding == fewest && random.nextInt(++ties) == 0) {
                best = candidate;
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "least_outstanding_requests";
    }
}
