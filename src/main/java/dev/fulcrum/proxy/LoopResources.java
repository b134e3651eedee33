package dev.fulcrum.proxy;

import dev.fulcrum.balancing.Balancer;
import dev.fulcrum.config.Algorithm;
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
    /** A group's balancer and the algorithm it was made for (a reload may change the algorithm). */
    private record GroupBalancer(Algorithm algorithm, Balancer balancer) {
    }

    private final Map<TargetGroup, GroupBalancer> balancers = new IdentityHashMap<>();

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
        Algorithm algorithm = group.config().attributes().algorithm();
        GroupBalancer cached = balancers.get(group);
        if (cached != null && cached.algorithm() == algorithm) {
            return cached.balancer();
        }
        Balancer b = switch (algorithm) {
            case ROUND_ROBIN -> Balancer.roundRobin(group::nextRotation);
            case LEAST_OUTSTANDING_REQUESTS -> Balancer.leastOutstandingRequests(random);
            case WEIGHTED_RANDOM -> Balancer.weightedRandom(random);
        };
        if (balancers.size() > 1024) {
            balancers.clear(); // groups of old configurations: let them go
        }
        balancers.put(group, new GroupBalancer(algorithm, b));
        return b;
    }
}
