package dev.fulcrum.cli;

import dev.fulcrum.lab.Lab;
import dev.fulcrum.lab.Scenario;
import dev.fulcrum.observability.ExchangeRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fulcrum lab [SCENARIO...]}: plays each troubleshooting case for real and shows what the balancer did. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Replay the troubleshooting cases live: misbehaving clients and targets on loopback.")
final class LabCommand implements Callable<Integer> {

    @Option(names = "--list", description = "List the scenarios and exit.")
    private boolean list;

    @Parameters(paramLabel = "SCENARIO", arity = "0..*", description = "Scenario names (default: all).")
    private List<String> names = new ArrayList<>();

    @Override
    public Integer call() {
        // Each scenario starts and stops a balancer; their INFO lines would drown the report.
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.fulcrum"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        if (list) {
            for (Scenario s : Lab.scenarios()) {
                System.out.printf("%-40s %s%n", s.name(), s.done());
            }
            return 0;
        }
        List<Scenario> chosen = new ArrayList<>();
        if (names.isEmpty()) {
            chosen.addAll(Lab.scenarios());
        } else {
            for (String n : names) {
                var s = Lab.scenario(n);
                if (s.isEmpty()) {
                    System.err.println("no scenario named '" + n + "' (fulcrum lab --list shows them)");
                    return 2;
                }
                chosen.add(s.get());
            }
        }
        int failed = 0;
        long start = System.nanoTime();
        for (Scenario s : chosen) {
            Lab.Result r = Lab.run(s);
            failed += r.passed() ? 0 : 1;
            print(r);
        }
        System.out.printf("%n%d passed, %d failed (%.1f s)%n", chosen.size() - failed, failed,
                (System.nanoTime() - start) / 1e9);
        return failed == 0 ? 0 : 1;
    }

    private static void print(Lab.Result r) {
        Scenario s = r.scenario();
        System.out.printf("%n[%s] %s  (%d ms)%n", r.passed() ? "PASS" : "FAIL", s.name(), r.millis());
        System.out.printf("  did:   %s%n", s.done());
        System.out.printf("  got:   %s, connection %s%n",
                r.clientStatus() == null ? "no response (the client left)" : "HTTP " + r.clientStatus(),
                r.connection());
        ExchangeRecord rec = r.record();
        if (rec != null) {
            System.out.printf("  log:   elb_status_code=%d target_status_code=%s error_reason=%s target=%s"
                            + " classification=%s classification_reason=%s%n",
                    rec.elbStatus(), rec.targetStatus() < 0 ? "-" : rec.targetStatus(),
                    rec.errorReason() == null ? "-" : rec.errorReason(), rec.target() == null ? "-" : rec.target(),
                    rec.classification().tier().logValue(), rec.classification().reason().code());
        }
        if (r.accessLogLine() != null) {
            System.out.printf("  alb:   %s%n", r.accessLogLine());
        }
        if (s.error() != null) {
            System.out.printf("  why:   %s%n", s.error().cause());
            System.out.printf("  fix:   %s%n", String.join(" ", s.error().remedies()));
        } else if (rec != null) {
            System.out.printf("  why:   %s%n", rec.classification().reason().meaning());
        }
        r.problems().forEach(p -> System.out.printf("  PROBLEM: %s%n", p));
    }
}
