package dev.fulcrum.proxy;

import dev.fulcrum.balancing.Balancer;
import dev.fulcrum.pool.TargetConnectionPool;
import dev.fulcrum.target.TargetGroup;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * What belongs to one event loop: its target connection pool, its balancers (one per target group, since a
 * balancer is single-threaded) and its random source. Only that loop's thread touches it.
 */
public final class LoopResources {

    private final TargetConnectionPool pool;
    private final RandomGenerator random;
    private final Map<TargetGroup, Balancer> balancers = new IdentityHashMap<>();

    public LoopResources(TargetConnectionPool pool, RandomGenerator random) {
        this.pool = pool;
        this.random = random;
    }

    public TargetConnectionPool pool() {
        return pool;
    }

    public RandomGenerator random() {
        return random;
    }

    Balancer balancer(TargetGroup group) {
        Balancer b = balancers.get(group);
        if (b == null) {
            b = switch (group.config().attributes().algorithm()) {
                case ROUND_ROBIN -> Balancer.roundRobin(group::nextRotation);
                case LEAST_OUTSTANDING_REQUESTS -> Balancer.leastOutstandingRequests(random);
                case WEIGHTED_RANDOM -> Balancer.weightedRandom(random);
            };
            if (balancers.size() > 1024) {
                balancers.clear(); // groups of old configurations: let them go
            }
            balancers.put(group, b);
        }
        return b;
    }
}
