package dev.fulcrum.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.lab.Lab;
import dev.fulcrum.lab.Scenario;
import dev.fulcrum.observability.AccessLogFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every lab scenario played for real (several at a time, each on its own balancer), its exchange written in the
 * ALB, JSON and CLB formats, and diagnosed: the ALB and JSON lines carry Fulcrum's error_reason and must be named
 * by it; the CLB line has none, and the scenario's cause must be the one named or one of the alternatives. The lab
 * runs with 1 s idle and connect timeouts.
 */
class LabLogDiagnosisTest {

    private static final AccessLogFormat ALB = AccessLogFormat.alb("lab");
    private static final AccessLogFormat JSON = AccessLogFormat.json("lab");
    private static final AccessLogFormat CLB = AccessLogFormat.clb("lab");
    private static List<Lab.Result> results;

    @BeforeAll
    static void playEveryScenario() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Lab.Result>> futures = new ArrayList<>();
            for (Scenario s : Lab.scenarios()) {
                futures.add(pool.submit(() -> Lab.run(s)));
            }
            results = new ArrayList<>();
            for (Future<Lab.Result> f : futures) {
                results.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    static Stream<String> scenarios() {
        return Lab.scenarios().stream().map(Scenario::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void namesTheScenariosCauseFromItsAlbJsonAndClbLines(String name) {
        Lab.Result r = result(name);
        assertThat(r.problems()).as(name).isEmpty();
        if (r.scenario().error() == null) {
            // A request desync mitigation let through: the target answered; no error to explain, the tier is tabled.
            Diagnosis d = Diagnoses.of(ALB.format(r.record()) + "\n", 1, 1);
            assertThat(d.findings()).as(name).isEmpty();
            return;
        }
        String reason = r.scenario().error().errorReason();
        int status = r.scenario().status();

        for (AccessLogFormat format : List.of(ALB, JSON)) {
            Diagnosis d = Diagnoses.of(format.format(r.record()) + "\n", 1, 1);
            assertThat(d.unparsed().count()).as(name).isZero();
            Finding f = Diagnoses.findings(d, status).get(0);
            assertThat(f.cause()).as(name).isEqualTo(reason);
            assertThat(f.likelihood()).isEqualTo("recorded");
            assertThat(f.remedies()).isEqualTo(r.scenario().error().remedies());
        }
        Diagnosis clb = Diagnoses.of(CLB.format(r.record()) + "\n", 1, 1);
        assertThat(clb.sources().get(0).format()).isEqualTo("clb");
        Finding f = Diagnoses.findings(clb, status).get(0);
        List<String> candidates = new ArrayList<>(List.of(f.cause()));
        f.alternatives().forEach(a -> candidates.add(a.cause()));
        assertThat(candidates).as(name + " from " + CLB.format(r.record())).contains(reason);
    }

    @Test
    void namesEveryScenariosCauseInOneLogOfThemAll() {
        StringBuilder log = new StringBuilder();
        results.forEach(r -> log.append(ALB.format(r.record())).append('\n'));
        Diagnosis d = Diagnoses.of(log.toString(), 1, 1);

        assertThat(d.lines()).isEqualTo(results.size());
        for (Lab.Result r : results.stream().filter(r -> r.scenario().error() != null).toList()) {
            assertThat(d.findings()).as(r.scenario().name()).anySatisfy(f -> {
                assertThat(f.status()).isEqualTo(r.scenario().status());
                assertThat(f.cause()).isEqualTo(r.scenario().error().errorReason());
            });
        }
        // Only the desync scenarios that let their request through got an answer from a target (their 200s).
        long letThrough = results.stream().filter(r -> r.scenario().error() == null).count();
        assertThat(d.statuses()).allSatisfy(s -> assertThat((long) s.target()).as("status " + s.status())
                .isEqualTo(s.status() == 200 ? letThrough : 0));
        assertThat(d.summary().get(0)).startsWith("100% of 5XX came from the balancer");
    }

    private static Lab.Result result(String name) {
        return results.stream().filter(r -> r.scenario().name().equals(name)).findFirst().orElseThrow();
    }
}
