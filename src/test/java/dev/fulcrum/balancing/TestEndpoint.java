package dev.fulcrum.balancing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An endpoint whose weight and outstanding requests a test sets by hand. */
final class TestEndpoint implements Endpoint {

    private final String name;
    private double weight;
    private int outstanding;

    TestEndpoint(String name, double weight) {
        this.name = name;
        this.weight = weight;
    }

    static TestEndpoint of(String name) {
        return new TestEndpoint(name, 1);
    }

    TestEndpoint weight(double weight) {
        this.weight = weight;
        return this;
    }

    TestEndpoint outstanding(int outstanding) {
        this.outstanding = outstanding;
        return this;
    }

    @Override
    public double weight() {
        return weight;
    }

    @Override
    public int outstandingRequests() {
        return outstanding;
    }

    /** The names picked by {@code picks} calls, in order; {@code null} for an empty pick. */
    static List<String> pickNames(Balancer balancer, List<TestEndpoint> candidates, int picks) {
        List<String> names = new ArrayList<>(picks);
        for (int i = 0; i < picks; i++) {
            TestEndpoint picked = balancer.pick(candidates);
            names.add(picked == null ? null : picked.name);
        }
        return names;
    }

    /** How often each name was picked in {@code picks} calls. */
    static Map<String, Integer> pickCounts(Balancer balancer, List<TestEndpoint> candidates, int picks) {
        Map<String, Integer> counts = new HashMap<>();
        for (String name : pickNames(balancer, candidates, picks)) {
            counts.merge(String.valueOf(name), 1, Integer::sum);
        }
        return counts;
    }

    @Override
    public String toString() {
        return name;
    }
}
