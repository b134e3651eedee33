package dev.fulcrum.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Hand-written ALB and CLB lines in the shapes of AWS's examples, without error_reason: each cause is encoded only
 * in timings, targets and statuses, as real ALB logs have it, and diagnose must rank it first.
 */
class EvidenceRankingTest {

    private static final String A = "10.0.0.5:8080";
    private static final String B = "10.0.0.6:8080";
    private static final String C = "10.0.0.7:8080";

    @Test
    void names504sThatLastTheConnectTimeoutAsNoConnectionAndThoseAtTheIdleTimeoutAsASlowTarget() {
        LogLines log = LogLines.alb();
        for (int i = 0; i < 20; i++) {
            log.ok(i, A, 0.02);
        }
        log.balancer(1, 10.001, C, 504).balancer(2, 10.002, C, 504).balancer(3, 10.0, C, 504);
        log.balancer(4, 60.001, B, 504);
        Diagnosis d = Diagnoses.of(log.text());

        assertThat(Diagnoses.findings(d, 504)).extracting(Finding::cause)
                .containsExactly("TargetConnectTimeout", "TargetIdleTimeout");
        Finding connect = Diagnoses.findings(d, 504).get(0);
        assertThat(connect.likelihood()).isEqualTo("likely");
        assertThat(connect.targets()).containsExactly(new Finding.TargetCount(C, 3));
        assertThat(connect.evidence().get(0)).contains("target connect timeout (10 s)");
        assertThat(connect.remedies()).isNotEmpty();
        assertThat(Diagnoses.findings(d, 504).get(1).evidence().get(0)).contains("idle timeout (60 s)");
    }

    @Test
    void asksWhetherTheIdleTimeoutIsAnotherWhen504sClusterAtARoundNumber() {
        LogLines log = LogLines.alb();
        for (int i = 0; i < 4; i++) {
            log.balancer(i, 30.001, A, 504);
        }
        Finding f = Diagnoses.findings(Diagnoses.of(log.text()), 504).get(0);

        assertThat(f.likelihood()).isEqualTo("possible");
        assertThat(String.join(" ", f.evidence())).contains("is the idle timeout 30 s?");
    }

    @Test
    void names502sConcentratedOnATargetThatNeverAnswersAsARefusingTarget() {
        LogLines log = LogLines.alb();
        for (int i = 0; i < 30; i++) {
            log.ok(i, i % 2 == 0 ? A : B, 0.01);
            if (i % 3 == 0) {
                log.balancer(i + 0.5, 0.001, C, 502);
            }
        }
        Diagnosis d = Diagnoses.of(log.text());

        Finding f = Diagnoses.findings(d, 502).get(0);
        assertThat(f.cause()).isEqualTo("TargetConnectionRefused");
        assertThat(f.likelihood()).isEqualTo("likely");
        assertThat(f.targets()).containsExactly(new Finding.TargetCount(C, 10));
        assertThat(String.join(" ", f.evidence())).contains(C + " never answered").contains("of 3 targets");
        assertThat(d.summary().get(0)).startsWith("100% of 5XX came from the balancer (10 of 10): 502 from " + C);
    }

    @Test
    void names502sRightAfterEachTargetsIdlePauseAsAKeepAliveShorterThanTheIdleTimeout() {
        Diagnosis d = Diagnoses.of(keepAliveRace(LogLines.alb()).text());

        Finding f = Diagnoses.findings(d, 502).get(0);
        assertThat(f.cause()).isEqualTo("TargetClosedConnection");
        assertThat(f.likelihood()).isEqualTo("likely");
        assertThat(f.targets()).extracting(Finding.TargetCount::target).containsExactlyInAnyOrder(A, B, C);
        assertThat(f.conclusion()).isEqualTo("its keep-alive timeout (5 s?) is shorter than the balancer's idle"
                + " timeout (60 s): raise it above 60 s");
        assertThat(d.summary().get(0)).contains("502 from").contains("keep-alive timeout (5 s?)");
    }

    @Test
    void tellsSpread502sWithoutIdlePausesFromConcentratedOnes() {
        LogLines log = LogLines.alb();
        for (int i = 0; i < 60; i++) {
            String t = i % 3 == 0 ? A : i % 3 == 1 ? B : C;
            if (i % 10 == 4 || i % 10 == 5 || i % 10 == 6) {
                log.balancer(i * 0.1, 0.001, t, 502);
            } else {
                log.ok(i * 0.1, t, 0.01);
            }
        }
        Finding f = Diagnoses.findings(Diagnoses.of(log.text()), 502).get(0);

        assertThat(f.cause()).isEqualTo("TargetClosedConnection");
        assertThat(f.likelihood()).isEqualTo("possible");
        assertThat(f.targets()).hasSize(3);
        assertThat(String.join(" ", f.evidence())).contains("spread over the targets");
        assertThat(f.alternatives()).extracting(Finding.Alternative::cause).contains("TargetResponseMalformed");
    }

    @Test
    void names460sThatClusterJustUnderTenSecondsAsAClientTimeoutShorterThanTheIdleTimeout() {
        LogLines log = LogLines.alb();
        for (int i = 0; i < 8; i++) {
            log.ok(i, A, 0.05);
            log.request(i + 0.5, 9.9 + i * 0.01, A, 460, -1, -1, "/report", "web");
        }
        log.request(20, 3.2, A, 460, -1, -1, "/report", "web");
        Finding f = Diagnoses.findings(Diagnoses.of(log.text()), 460).get(0);

        assertThat(f.cause()).isEqualTo("ClientClosedConnection");
        assertThat(f.source()).isEqualTo("client");
        assertThat(String.join(" ", f.evidence())).contains("8 of 9 clients closed just before 10 s")
                .contains("shorter than the idle timeout (60 s)");
        assertThat(f.conclusion()).startsWith("clients give up after 10 s");
    }

    @Test
    void names503BurstsWithNoTargetAsAnEmptyGroupOrAsThrottlingWhenTheGroupAnsweredMeanwhile() {
        LogLines empty = LogLines.alb();
        for (int i = 0; i < 5; i++) {
            empty.request(i, 0.0, "-", 503, -1, -1, "/", "empty");
        }
        assertThat(Diagnoses.findings(Diagnoses.of(empty.text()), 503).get(0).cause())
                .isEqualTo("NoRegisteredTargets");

        LogLines busy = LogLines.alb();
        for (int i = 0; i < 20; i++) {
            busy.ok(i * 0.05, A, 0.01);
            if (i % 2 == 0) {
                busy.request(i * 0.05 + 0.01, 0.0, "-", 503, -1, -1, "/", null);
            }
        }
        Finding f = Diagnoses.findings(Diagnoses.of(busy.text()), 503).get(0);
        assertThat(f.cause()).isEqualTo("QpsLimited");
        assertThat(String.join(" ", f.evidence())).contains("answered 20 other requests");
    }

    @Test
    void passesTargetMade5xxToTheTargetWithTheSeedsAdvice() {
        LogLines log = LogLines.alb();
        for (int i = 0; i < 10; i++) {
            log.ok(i, A, 0.01);
            log.request(i + 0.5, 0.3, B, 500, 500, 0.3, "/checkout", "web");
        }
        log.balancer(20, 0.001, C, 502);
        Diagnosis d = Diagnoses.of(log.text());

        Finding f = Diagnoses.findings(d, 500).get(0);
        assertThat(f.source()).isEqualTo("target");
        assertThat(f.cause()).isEqualTo("TargetResponse");
        assertThat(f.targets()).containsExactly(new Finding.TargetCount(B, 10));
        assertThat(f.remedies()).anyMatch(r -> r.contains("directly"));
        assertThat(d.statuses()).contains(new Diagnosis.StatusSplit(500, 0, 10), new Diagnosis.StatusSplit(502, 1, 0));
        assertThat(d.summary().get(0)).startsWith("91% of 5XX came from the targets (10 of 11): 500 from " + B);
        assertThat(d.findings().get(0).status()).isEqualTo(500);
    }

    @Test
    void ranksTheSameCausesFromClbLines() {
        LogLines refused = LogLines.clb();
        for (int i = 0; i < 30; i++) {
            refused.ok(i, i % 2 == 0 ? A : B, 0.01);
            if (i % 3 == 0) {
                refused.balancer(i + 0.5, 0.001, C, 502);
            }
        }
        Finding f = Diagnoses.findings(Diagnoses.of(refused.text()), 502).get(0);
        assertThat(f.cause()).isEqualTo("TargetConnectionRefused");
        assertThat(f.targets()).containsExactly(new Finding.TargetCount(C, 10));

        Diagnosis race = Diagnoses.of(keepAliveRace(LogLines.clb()).text());
        assertThat(race.sources()).extracting(Diagnosis.Source::format).containsExactly("clb");
        assertThat(Diagnoses.findings(race, 502).get(0).conclusion()).contains("keep-alive timeout (5 s?)");

        // CLB writes -1 for every time of a 504: nothing tells its causes apart, and the report says so.
        LogLines timeouts = LogLines.clb().balancer(1, 60, A, 504);
        Finding t = Diagnoses.findings(Diagnoses.of(timeouts.text()), 504).get(0);
        assertThat(t.likelihood()).isEqualTo("possible");
        assertThat(t.alternatives()).extracting(Finding.Alternative::cause)
                .contains("TargetConnectTimeout", "TargetResponseIncomplete");
        assertThat(t.evidence().get(0)).contains("no duration");
    }

    /** Three targets answer bursts of requests; the first request after each 5.5 s pause gets a 502. */
    private static LogLines keepAliveRace(LogLines log) {
        String[] targets = {A, B, C};
        for (int burst = 0; burst < 6; burst++) {
            for (int t = 0; t < 3; t++) {
                double start = burst * 5.5 + t * 0.3;
                for (int k = 0; k < 3; k++) {
                    if (burst > 0 && k == 0) {
                        log.balancer(start, 0.001, targets[t], 502);
                    } else {
                        log.ok(start + k * 0.09, targets[t], 0.01);
                    }
                }
            }
        }
        return log;
    }

    @Test
    void tells408sAtTheHeadDeadlineFromThoseAtTheIdleTimeout() {
        LogLines log = LogLines.alb();
        log.balancer(1, 20.001, "-", 408).balancer(2, 20.0, "-", 408);
        log.balancer(3, 60.002, "-", 408);
        Diagnosis d = Diagnoses.of(log.text());

        assertThat(Diagnoses.findings(d, 408)).extracting(Finding::cause)
                .containsExactly("RequestHeaderTimeout", "ClientIdleTimeout");
        Finding slow = Diagnoses.findings(d, 408).get(0);
        assertThat(slow.likelihood()).isEqualTo("likely");
        assertThat(String.join(" ", slow.evidence())).contains("20 s after its first byte").contains("slowloris");
        assertThat(Diagnoses.findings(d, 408).get(1).likelihood()).isEqualTo("likely");
    }

    @Test
    void names400sWhoseUrlHasNoHostAsAMissingHostHeader() {
        LogLines log = LogLines.alb();
        log.raw("http 2026-11-30T09:00:01.000000Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - -1 -1"
                + " -1 400 - 34 300 \"GET http://-:80/ HTTP/1.1\" \"-\" - - - \"-\" \"-\" \"-\" -"
                + " 2026-11-30T09:00:01.000000Z \"-\" \"-\" \"-\" \"-\" \"-\" \"-\" \"-\"");
        Finding f = Diagnoses.findings(Diagnoses.of(log.text()), 400).get(0);

        assertThat(f.cause()).isEqualTo("InvalidHostHeader");
        assertThat(f.likelihood()).isEqualTo("likely");
    }
}
