package dev.fulcrum.routing;

import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.FulcrumConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rule matching over a listener of 100 rules, each with a host-header, a path-pattern and an http-header
 * condition (wildcards included): a request that the first rule takes, one that only the last rule takes (every
 * rule is tried) and one that none takes (the default action).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RouterBenchmark {

    static final int RULES = 100;

    private Router router;
    private RequestView first;
    private RequestView last;
    private RequestView none;

    @Setup
    public void setUp() throws Exception {
        StringBuilder yaml = new StringBuilder("""
                listeners:
                  - port: 0
                    rules:
                """);
        for (int i = 1; i <= RULES; i++) {
            yaml.append("""
                          - priority: %d
                            conditions:
                              - field: host-header
                                values: ["svc%d.example.com", "*.svc%d.example.org"]
                              - field: path-pattern
                                values: ["/api/v%d/*", "/static/%d/*.css"]
                              - field: http-header
                                httpHeaderName: X-Tenant
                                values: ["tenant-%d-*"]
                            actions:
                              - type: fixed-response
                                fixedResponse: {statusCode: 200, messageBody: "rule %d"}
                    """.formatted(i, i, i, i, i, i, i));
        }
        yaml.append("""
                    defaultActions:
                      - type: fixed-response
                        fixedResponse: {statusCode: 404}
                """);
        FulcrumConfig config = ConfigLoader.parse(yaml.toString());
        router = Router.compile(config.listeners().get(0));
        first = TestRequest.get("/api/v1/orders?id=7").host("svc1.example.com").header("X-Tenant", "tenant-1-eu");
        last = TestRequest.get("/api/v100/orders?id=7").host("svc100.example.com")
                .header("X-Tenant", "tenant-100-eu");
        none = TestRequest.get("/nowhere").host("www.example.net").header("X-Tenant", "nobody");
        if (router.route(last).priority() != RULES || router.route(first).priority() != 1
                || router.route(none).priority() == RULES) {
            throw new IllegalStateException("the benchmark's requests do not route as intended");
        }
    }

    @Benchmark
    public Route firstRuleMatches() {
        return router.route(first);
    }

    @Benchmark
    public Route lastRuleMatches() {
        return router.route(last);
    }

    @Benchmark
    public Route noRuleMatches() {
        return router.route(none);
    }
}
