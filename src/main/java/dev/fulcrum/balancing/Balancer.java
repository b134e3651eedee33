package dev.fulcrum.balancing;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Picks the endpoint a request goes to.
 *
 * <p>A balancer is not thread-safe and needs not be: each event loop owns its own instance per target group, so
 * only that loop's thread ever calls it and its state needs no locks. Do not share one between threads.
 */
public interface Balancer {

    /**
     * Round robin: plain rotation while the candidates' weights are equal, nginx's smooth weighted round robin
     * while they differ (during a slow-start ramp, for instance).
     */
    static Balancer roundRobin() {
        return new RoundRobinBalancer();
    }

    /**
     * Round robin whose rotation position comes from {@code sharedRotation} (e.g. an atomic counter of the
     * target group), so balancers on several event loops take turns in one rotation, as one ALB node does.
     * Unequal weights still use this balancer's own smooth weighted rotation.
     */
    static Balancer roundRobin(java.util.function.LongSupplier sharedRotation) {
        return new RoundRobinBalancer(sharedRotation);
    }

    /** The candidate with the fewest outstanding requests; ties are broken at random so idle targets share load. */
    static Balancer leastOutstandingRequests(RandomGenerator random) {
        return new LeastOutstandingRequestsBalancer(random);
    }

    /** A candidate drawn at random with probability proportional to its weight. */
    static Balancer weightedRandom(RandomGenerator random) {
        return new WeightedRandomBalancer(random);
    }

    /**
     * One of {@code candidates}, or {@code null} when none has a weight greater than 0. Never throws on an empty
     * list; the list should be random access (it is read by index).
     */
    <E extends Endpoint> E pick(List<E> candidates);
}
