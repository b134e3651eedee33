package dev.fulcrum.health;

import static dev.fulcrum.testing.HealthConfigs.awaitHealth;
import static dev.fulcrum.testing.HealthConfigs.awaitState;
import static dev.fulcrum.testing.HealthConfigs.check;
import static dev.fulcrum.testing.HealthConfigs.group;
import static dev.fulcrum.testing.HealthConfigs.target;
import static dev.fulcrum.testing.TestConfigs.forwardingTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.config.HealthCheckConfig;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.config.Protocol;
import dev.fulcrum.config.TargetConfig;
import dev.fulcrum.config.TargetGroupAttributes;
import dev.fulcrum.config.TargetGroupConfig;
import dev.fulcrum.lab.Hold;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.lab.RawTarget;
import dev.fulcrum.lab.RefusedPort;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetHealth;
import dev.fulcrum.target.TargetHealth.State;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.LoadBalancerExtension;
import dev.fulcrum.testing.TargetGroupFixture;
import dev.fulcrum.testing.TestConfigs;
import dev.fulcrum.testing.TransitionLog;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Health checks against real targets on loopback: the request ALB sends, thresholds, matchers, reason codes. */
class HealthCheckTest {

    @RegisterExtension
    final LoadBalancerExtension lb = LoadBalancerExtension.create()
            .options(o -> o.eventLoops(1).randomSeed(42).drainTimeout(Duration.ofSeconds(2)));

    @Test
    void sendsAlbsCheckRequestByteForByteAndClosesTheConnectionAfterIt() throws Exception {
        BlockingQueue<String> heads = new LinkedBlockingQueue<>();
        AtomicInteger closedByBalancer = new AtomicInteger();
        RawTarget t = lb.keep(RawTarget.start(s -> {
            heads.add(RawTarget.readHead(s.getInputStream()));
            RawTarget.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            if (s.getInputStream().read() == -1) {
                closedByBalancer.incrementAndGet();
            }
        }));
        Fulcrum f = lb.start(forwardingTo(group("web", check("/ping", "200", 2, 2), t.port())));

        String head = heads.poll(10, TimeUnit.SECONDS);
        assertThat(head).isEqualTo("GET /ping HTTP/1.1\r\nHost: 127.0.0.1:" + t.port()
                + "\r\nUser-Agent: ELB-HealthChecker/2.0\r\n\r\n");
        await().atMost(Duration.ofSeconds(15)).until(() -> closedByBalancer.get() >= 1);
        awaitHealth(f, "web", t.port(), TargetHealth.HEALTHY);
        assertThat(heads.poll(10, TimeUnit.SECONDS)).isEqualTo(head); // the next check, on a new connection
        assertThat(lb.log().all()).isEmpty(); // checks are not exchanges: no access-log record, no request metric
    }

    @Test
    void hostHeaderLeavesOutTheDefaultPortAndBracketsIpv6() throws Exception {
        HealthCheckConfig onPort80 = new HealthCheckConfig(true, Protocol.HTTP, 80, "/", HealthCheckConfig.DEFAULT_INTERVAL,
                HealthCheckConfig.DEFAULT_TIMEOUT, 5, 2, "200");
        try (TargetGroupFixture targets = new TargetGroupFixture(group("web", HealthCheckConfig.defaults(),
                TargetGroupAttributes.defaults(), List.of(new TargetConfig("10.0.0.7", 8080, 100),
                        new TargetConfig("fd00::7", 8080, 100))), Clock.systemUTC())) {
            Target v4 = targets.get(0);
            Target v6 = targets.get(1);
            assertThat(text(HealthCheckRequest.bytes(onPort80, v4)))
                    .isEqualTo("GET / HTTP/1.1\r\nHost: 10.0.0.7\r\nUser-Agent: ELB-HealthChecker/2.0\r\n\r\n");
            assertThat(text(HealthCheckRequest.bytes(HealthCheckConfig.defaults(), v6)))
                    .isEqualTo("GET / HTTP/1.1\r\nHost: [fd00::7]:8080\r\nUser-Agent: ELB-HealthChecker/2.0\r\n\r\n");
            assertThat(HealthCheckRequest.address(onPort80, v4).getPort()).isEqualTo(80);
            assertThat(HealthCheckRequest.address(HealthCheckConfig.defaults(), v4).getPort()).isEqualTo(8080);
        }
    }

    @Test
    void checksTheConfiguredPortInsteadOfTheTrafficPort() throws Exception {
        FakeTarget traffic = lb.keep(FakeTarget.start("traffic"));
        BlockingQueue<String> heads = new LinkedBlockingQueue<>();
        RawTarget checks = lb.keep(RawTarget.start(s -> {
            heads.add(RawTarget.readHead(s.getInputStream()));
            RawTarget.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        }));
        HealthCheckConfig c = check("/", "200", 2, 2);
        HealthCheckConfig onOtherPort = new HealthCheckConfig(true, c.protocol(), checks.port(), c.path(),
                c.interval(), c.timeout(), 2, 2, "200");
        Fulcrum f = lb.start(forwardingTo(group("web", onOtherPort, traffic.port())));

        assertThat(heads.poll(10, TimeUnit.SECONDS)).contains("Host: 127.0.0.1:" + checks.port() + "\r\n");
        awaitHealth(f, "web", traffic.port(), TargetHealth.HEALTHY);
        assertThat(traffic.receivedCount()).isZero();
    }

    @Test
    void aNewTargetIsRegisteringThenInInitialChecksThenTimesOut() throws Exception {
        Hold neverAnswers = lb.keep(new Hold());
        RawTarget silent = lb.keep(RawTarget.start(s -> {
            RawTarget.readHead(s.getInputStream());
            neverAnswers.await();
        }));
        HealthCheckConfig c = new HealthCheckConfig(true, Protocol.HTTP, HealthCheckConfig.TRAFFIC_PORT, "/",
                Duration.ofSeconds(1), Duration.ofMillis(500), 2, 2, "200");
        try (TransitionLog transitions = new TransitionLog()) {
            Fulcrum f = lb.start(forwardingTo(group("web", c, silent.port())));
            awaitHealth(f, "web", silent.port(), TargetHealth.TIMEOUT);
            assertThat(transitions.of(target(f, "web", silent.port()))).containsExactly(
                    "registered in web: initial (Elb.RegistrationInProgress: Target registration is in progress)",
                    "of web: initial -> initial (Elb.InitialHealthChecking: Initial health checks in progress)",
                    "of web: initial -> unhealthy (Target.Timeout: Request timed out)");
        }
        assertThat(TargetHealth.REGISTRATION_IN_PROGRESS.description()).isEqualTo("Target registration is in progress");
        assertThat(TargetHealth.INITIAL_HEALTH_CHECKING.description()).isEqualTo("Initial health checks in progress");
        assertThat(TargetHealth.TIMEOUT.reason()).isEqualTo("Target.Timeout");
        assertThat(TargetHealth.TIMEOUT.description()).isEqualTo("Request timed out");
    }

    /**
     * The target answers its checks 200, 200, 503, 503, 200, 200, 200, 200... and notes the state the balancer
     * had given it when each check arrived (its last transition, read from the log: the target object is not known
     * before the balancer starts, and its first check may come sooner than the test thread could look it up): one
     * pass makes a new target healthy, then 2 failures (the unhealthy threshold) make it unhealthy and 3 passes
     * (the healthy threshold) healthy again.
     */
    @Test
    void onePassMakesANewTargetHealthyThenThresholdsApplyBothWays() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        FakeTarget t = lb.keep(FakeTarget.start("t"));
        TransitionLog transitions = lb.keep(new TransitionLog());
        String hostPort = "127.0.0.1:" + t.port();
        t.behave((req, ctx) -> {
            List<String> so = transitions.of(hostPort);
            seen.add(so.isEmpty() ? "not registered" : so.get(so.size() - 1));
            int n = seen.size();
            FakeTarget.text(n == 3 || n == 4 ? 503 : 200, "x").respond(req, ctx);
        });
        lb.start(forwardingTo(group("web", check("/", "200", 3, 2), t.port())));

        await().atMost(Duration.ofSeconds(15)).until(() -> seen.size() >= 9);
        String initial = "of web: initial -> initial (Elb.InitialHealthChecking: Initial health checks in progress)";
        String healthy = "of web: initial -> healthy";
        String mismatch = "of web: healthy -> unhealthy"
                + " (Target.ResponseCodeMismatch: Health checks failed with these codes: [503])";
        String healthyAgain = "of web: unhealthy -> healthy";
        assertThat(seen.subList(0, 9)).containsExactly(
                initial,      // 1: pass -> healthy at once
                healthy,      // 2: pass
                healthy,      // 3: 503, first failure
                healthy,      // 4: 503, second failure -> unhealthy
                mismatch,     // 5: pass 1 of 3
                mismatch,     // 6: pass 2 of 3
                mismatch,     // 7: pass 3 of 3 -> healthy
                healthyAgain,
                healthyAgain);
        TargetHealth codes = TargetHealth.responseCodeMismatch(503);
        assertThat(codes.reason()).isEqualTo("Target.ResponseCodeMismatch");
        assertThat(codes.description()).isEqualTo("Health checks failed with these codes: [503]");
    }

    @ParameterizedTest(name = "matcher {0}, answer {1}: healthy={2}")
    @CsvSource(delimiter = ';', value = {
            "200,202; 202; true",
            "200-299; 204; true",
            "200-399,404; 404; true",
            "200,202; 204; false",
            "200-299; 302; false"})
    void matcherAcceptsListsAndRanges(String matcher, int status, boolean healthy) throws Exception {
        FakeTarget t = lb.keep(FakeTarget.start("t").behave(FakeTarget.text(status, "x")));
        Fulcrum f = lb.start(forwardingTo(group("web", check("/", matcher, 2, 2), t.port())));
        if (healthy) {
            awaitHealth(f, "web", t.port(), TargetHealth.HEALTHY);
        } else {
            awaitHealth(f, "web", t.port(), TargetHealth.responseCodeMismatch(status));
        }
    }

    @Test
    void matcherParsesCodesListsAndRanges() {
        HealthCheckMatcher m = HealthCheckMatcher.parse("200,202,300-304");
        assertThat(m.matches(200)).isTrue();
        assertThat(m.matches(201)).isFalse();
        assertThat(m.matches(202)).isTrue();
        assertThat(m.matches(300)).isTrue();
        assertThat(m.matches(304)).isTrue();
        assertThat(m.matches(305)).isFalse();
    }

    @Test
    void refusedConnectionsMalformedAnswersAndClosesWithoutAnswerAreFailedHealthChecks() throws Exception {
        int refused = lb.keep(RefusedPort.reserve()).port();
        RawTarget malformed = lb.keep(RawTarget.start(s -> {
            RawTarget.readHead(s.getInputStream());
            RawTarget.write(s, "garbage that is no status line\r\n\r\n");
            RawTarget.awaitClose(s); // the checker closes once it read the line
        }));
        RawTarget mute = lb.keep(RawTarget.start(s -> RawTarget.readHead(s.getInputStream())));
        Fulcrum f = lb.start(forwardingTo(group("web", check("/", "200", 2, 2), refused, malformed.port(),
                mute.port())));

        awaitHealth(f, "web", refused, TargetHealth.FAILED_HEALTH_CHECKS);
        awaitHealth(f, "web", malformed.port(), TargetHealth.FAILED_HEALTH_CHECKS);
        awaitHealth(f, "web", mute.port(), TargetHealth.FAILED_HEALTH_CHECKS);
        assertThat(TargetHealth.FAILED_HEALTH_CHECKS.reason()).isEqualTo("Target.FailedHealthChecks");
        assertThat(TargetHealth.FAILED_HEALTH_CHECKS.description()).isEqualTo("Health checks failed");
    }

    @Test
    void disabledChecksMakeTargetsUnavailableYetRoutableAndSendNothing() throws Exception {
        FakeTarget t = lb.keep(FakeTarget.start("t"));
        Fulcrum f = lb.start(forwardingTo(group("web", TestConfigs.NO_HEALTH_CHECK, t.port())));

        assertThat(target(f, "web", t.port()).health()).isEqualTo(TargetHealth.HEALTH_CHECK_DISABLED);
        assertThat(TargetHealth.HEALTH_CHECK_DISABLED.state().apiName()).isEqualTo("unavailable");
        assertThat(TargetHealth.HEALTH_CHECK_DISABLED.reason()).isEqualTo("Target.HealthCheckDisabled");
        assertThat(TargetHealth.HEALTH_CHECK_DISABLED.description()).isEqualTo("Health checks are disabled");
        try (RawHttpClient c = RawHttpClient.connect(f.port(0))) {
            assertThat(c.get("/hello").readResponse().status()).isEqualTo(200);
        }
        assertThat(t.take().uri()).isEqualTo("/hello");
        assertThat(f.targetGroups().get("web").healthyTargetCount()).isEqualTo(1);
        assertThat(awaitState(f, "web", t.port(), State.UNAVAILABLE)).isEqualTo(TargetHealth.HEALTH_CHECK_DISABLED);
        assertThat(t.receivedCount()).isZero();
    }

    /**
     * Eight targets registered together: their first checks come within a second, and their later checks settle at
     * different points of the (2 s) interval instead of all at once.
     */
    @Test
    void checksOfTargetsRegisteredTogetherSpreadOverTheInterval() throws Exception {
        int n = 8;
        List<List<Long>> arrivals = new java.util.ArrayList<>();
        int[] ports = new int[n];
        for (int i = 0; i < n; i++) {
            List<Long> times = new CopyOnWriteArrayList<>();
            arrivals.add(times);
            ports[i] = lb.keep(FakeTarget.start("t" + i).behave((req, ctx) -> {
                times.add(System.nanoTime());
                FakeTarget.text(200, "ok").respond(req, ctx);
            })).port();
        }
        HealthCheckConfig every2s = new HealthCheckConfig(true, Protocol.HTTP, HealthCheckConfig.TRAFFIC_PORT, "/",
                Duration.ofSeconds(2), Duration.ofMillis(500), 2, 2, "200");
        long started = System.nanoTime();
        lb.start(forwardingTo(group("web", every2s, ports)));

        await().atMost(Duration.ofSeconds(15)).until(() -> arrivals.stream().allMatch(t -> t.size() >= 2));
        for (List<Long> times : arrivals) {
            assertThat(times.get(0) - started).isLessThan(Duration.ofSeconds(3).toNanos()); // soon after start
        }
        List<Long> second = arrivals.stream().map(t -> t.get(1)).sorted().toList();
        assertThat(second.get(n - 1) - second.get(0)).as("spread of the second checks")
                .isGreaterThan(Duration.ofMillis(500).toNanos());
    }

    @Test
    void aGroupNoListenerForwardsToIsNotCheckedUntilOneDoes() throws Exception {
        FakeTarget web = lb.keep(FakeTarget.start("web"));
        FakeTarget spare = lb.keep(FakeTarget.start("spare"));
        TargetGroupConfig webGroup = group("web", check("/", "200", 2, 2), web.port());
        TargetGroupConfig spareGroup = group("spare", check("/", "200", 2, 2), spare.port());
        Fulcrum f = lb.start(TestConfigs.config(LoadBalancerAttributes.defaults(),
                TestConfigs.listener(List.of(), TestConfigs.forward("web")), webGroup, spareGroup));
        awaitHealth(f, "web", web.port(), TargetHealth.HEALTHY);
        assertThat(target(f, "spare", spare.port()).health()).isEqualTo(TargetHealth.NOT_IN_USE);
        assertThat(f.targetGroups().get("spare").healthyTargetCount()).isZero();
        assertThat(f.targetGroups().get("spare").unhealthyTargetCount()).isZero();
        assertThat(spare.receivedCount()).isZero();

        f.reload(TestConfigs.config(LoadBalancerAttributes.defaults(),
                TestConfigs.listener(List.of(), TestConfigs.forward("spare")), webGroup, spareGroup));
        awaitHealth(f, "spare", spare.port(), TargetHealth.HEALTHY);
        assertThat(spare.take().header("User-Agent")).isEqualTo("ELB-HealthChecker/2.0");
        assertThat(target(f, "web", web.port()).health()).isEqualTo(TargetHealth.NOT_IN_USE);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
