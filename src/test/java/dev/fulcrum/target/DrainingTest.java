package dev.fulcrum.target;

import static dev.fulcrum.testing.HealthConfigs.attributes;
import static dev.fulcrum.testing.HealthConfigs.group;
import static dev.fulcrum.testing.HealthConfigs.target;
import static dev.fulcrum.testing.TestConfigs.config;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.listener;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.core.LbError;
import dev.fulcrum.lab.Hold;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.lab.RawTarget;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.LoadBalancerExtension;
import dev.fulcrum.testing.HealthConfigs;
import dev.fulcrum.testing.TestConfigs;
import dev.fulcrum.testing.TransitionLog;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deregistration through a reload: the target drains (no new requests, in-flight ones finish), leaves as soon as
 * nothing is in flight, and when the deregistration delay elapses first its requests are cut with 502.
 */
class DrainingTest {

    @RegisterExtension
    final LoadBalancerExtension lb = LoadBalancerExtension.create().options(o -> o.drainTimeout(Duration.ofSeconds(2)));

    /** One listener forwarding to group {@code web} of the given ports; checks off; error-reason header on. */
    private static FulcrumConfig web(Duration deregistrationDelay, int... ports) {
        return config(LoadBalancerAttributes.defaults().withErrorReasonHeader(true), listener(List.of(), forward("web")),
                group("web", TestConfigs.NO_HEALTH_CHECK,
                        attributes(Algorithm.ROUND_ROBIN, deregistrationDelay, Duration.ZERO),
                        java.util.Arrays.stream(ports).mapToObj(TestConfigs::target).toList()));
    }

    @Test
    void aDrainingTargetFinishesItsRequestsTakesNoNewOnesAndLeavesOnceIdle() throws Exception {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        FakeTarget slow = lb.keep(FakeTarget.start("slow").behave(FakeTarget.heldUntil(answer,
                FakeTarget.text(200, "slow"))));
        FakeTarget next = lb.keep(FakeTarget.start("next"));
        Fulcrum f = lb.start(web(Duration.ofSeconds(60), slow.port()));
        Target draining = target(f, "web", slow.port());
        RawHttpClient inFlight = lb.connect();
        inFlight.get("/long");
        slow.take();

        f.reload(web(Duration.ofSeconds(60), next.port()));
        assertThat(draining.health()).isEqualTo(TargetHealth.DEREGISTRATION_IN_PROGRESS);
        assertThat(draining.health().description()).isEqualTo("Target deregistration is in progress");
        assertThat(f.targetGroups().get("web").targets()).contains(draining);
        try (RawHttpClient other = RawHttpClient.connect(f.port(0))) {
            assertThat(other.get("/new").readResponse().bodyText()).isEqualTo("next");
        }

        answer.complete(null); // only now: a timed answer could come before the reload and the target leave at once
        RawHttpClient.Response finished = inFlight.readResponse();
        assertThat(finished.status()).isEqualTo(200);
        assertThat(finished.bodyText()).isEqualTo("slow");
        await().atMost(Duration.ofSeconds(15)).until(() -> !f.targetGroups().get("web").targets().contains(draining));
        assertThat(draining.health()).isEqualTo(TargetHealth.NOT_REGISTERED);
        assertThat(draining.health().state().apiName()).isEqualTo("unused");
        assertThat(draining.health().description()).isEqualTo("Target is not registered to the target group");
        ExchangeRecord record = lb.log().await(r -> "/long".equals(r.uri()));
        assertThat(record.error()).isNull();
        assertThat(record.elbStatus()).isEqualTo(200);
    }

    @Test
    void anIdleTargetLeavesAtOnceWhenDeregistered() throws Exception {
        FakeTarget a = lb.keep(FakeTarget.start("a"));
        FakeTarget b = lb.keep(FakeTarget.start("b"));
        Fulcrum f = lb.start(web(Duration.ofSeconds(300), a.port(), b.port()));
        Target leaving = target(f, "web", a.port());

        f.reload(web(Duration.ofSeconds(300), b.port()));
        await().atMost(Duration.ofSeconds(15)).until(() -> leaving.health().equals(TargetHealth.NOT_REGISTERED));
        assertThat(f.targetGroups().get("web").targets()).extracting(Target::port).containsExactly(b.port());
    }

    @Test
    void targetsCanBeRegisteredAndDeregisteredWhileTheBalancerRuns() throws Exception {
        FakeTarget a = lb.keep(FakeTarget.start("a"));
        FakeTarget b = lb.keep(FakeTarget.start("b"));
        FulcrumConfig config = config(LoadBalancerAttributes.defaults(), listener(List.of(), forward("web")),
                group("web", HealthConfigs.check("/", "200", 2, 2),
                        attributes(Algorithm.ROUND_ROBIN, Duration.ofSeconds(300), Duration.ZERO),
                        List.of(TestConfigs.target(a.port()))));
        Fulcrum f = lb.start(config);
        HealthConfigs.awaitHealth(f, "web", a.port(), TargetHealth.HEALTHY);

        Target added;
        try (TransitionLog transitions = new TransitionLog()) {
            added = f.registerTarget("web", TestConfigs.target(b.port()));
            HealthConfigs.awaitHealth(f, "web", b.port(), TargetHealth.HEALTHY); // checked from now on
            assertThat(transitions.of(added)).containsExactly(
                    "registered in web: initial (Elb.RegistrationInProgress: Target registration is in progress)",
                    "of web: initial -> initial (Elb.InitialHealthChecking: Initial health checks in progress)",
                    "of web: initial -> healthy");
        }
        assertThat(f.registerTarget("web", TestConfigs.target(b.port()))).isSameAs(added);

        assertThat(f.deregisterTarget("web", "127.0.0.1", a.port())).isTrue();
        assertThat(f.deregisterTarget("web", "127.0.0.1", a.port())).isFalse();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> f.targetGroups().get("web").targets().equals(List.of(added)));
        try (RawHttpClient client = RawHttpClient.connect(f.port(0))) {
            assertThat(client.get("/").readResponse().bodyText()).isEqualTo("b");
        }
        assertThat(f.config()).isEqualTo(config); // the file's configuration is unchanged
    }

    @Test
    void aTargetThatLeftHasItsIdlePooledConnectionsClosed() throws Exception {
        AtomicInteger closedByBalancer = new AtomicInteger();
        RawTarget a = lb.keep(RawTarget.start(s -> {
            String head;
            while (!(head = RawTarget.readHead(s.getInputStream())).isEmpty()) {
                s.getInputStream().readNBytes(RawTarget.contentLength(head));
                RawTarget.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na");
            }
            closedByBalancer.incrementAndGet();
        }));
        FakeTarget b = lb.keep(FakeTarget.start("b"));
        Fulcrum f = lb.start(web(Duration.ofSeconds(300), a.port()));
        try (RawHttpClient client = RawHttpClient.connect(f.port(0))) {
            assertThat(client.get("/").readResponse().bodyText()).isEqualTo("a");
        }
        assertThat(closedByBalancer.get()).isZero(); // kept in the pool

        f.reload(web(Duration.ofSeconds(300), b.port()));
        await().atMost(Duration.ofSeconds(15)).until(() -> closedByBalancer.get() == 1);
    }

    @Test
    void theDelayElapsingCutsARequestWaitingForItsResponseWith502() throws Exception {
        CountDownLatch received = new CountDownLatch(1);
        Hold neverAnswers = lb.keep(new Hold());
        RawTarget stuck = lb.keep(RawTarget.start(s -> {
            RawTarget.readHead(s.getInputStream());
            received.countDown();
            neverAnswers.await();
        }));
        FakeTarget next = lb.keep(FakeTarget.start("next"));
        Fulcrum f = lb.start(web(Duration.ofMillis(500), stuck.port()));
        RawHttpClient client = lb.connect();
        client.get("/stuck");
        assertThat(received.await(15, TimeUnit.SECONDS)).isTrue();

        f.reload(web(Duration.ofMillis(500), next.port()));
        RawHttpClient.Response r = client.readResponse();
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.header("X-Fulcrum-Error-Reason")).isEqualTo("TargetDeregistrationDelayElapsed");
        assertThat(client.isClosedByPeer()).isTrue();
        ExchangeRecord record = lb.log().await(x -> "/stuck".equals(x.uri()));
        assertThat(record.error()).isEqualTo(LbError.TARGET_DEREGISTERED);
        assertThat(record.elbStatus()).isEqualTo(502);
        assertThat(record.target()).isEqualTo("127.0.0.1:" + stuck.port());
    }

    @Test
    void theDelayElapsingInTheMiddleOfAResponseCutsTheClientConnection() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Hold neverFinishes = lb.keep(new Hold());
        RawTarget stalls = lb.keep(RawTarget.start(s -> {
            RawTarget.readHead(s.getInputStream());
            RawTarget.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n" + "x".repeat(100_000));
            started.countDown();
            neverFinishes.await();
        }));
        FakeTarget next = lb.keep(FakeTarget.start("next"));
        Fulcrum f = lb.start(web(Duration.ofMillis(500), stalls.port()));
        RawHttpClient client = lb.connect();
        client.get("/download");
        assertThat(started.await(15, TimeUnit.SECONDS)).isTrue();

        f.reload(web(Duration.ofMillis(500), next.port()));
        String seen = readUntilClosed(client.socket().getInputStream());
        assertThat(seen).startsWith("HTTP/1.1 200 OK");
        assertThat(seen.length()).isLessThan(1_000_000);
        ExchangeRecord record = lb.log().await(x -> "/download".equals(x.uri()));
        assertThat(record.error()).isEqualTo(LbError.TARGET_DEREGISTERED);
        assertThat(record.targetStatus()).isEqualTo(200);
    }

    private static String readUntilClosed(InputStream in) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            all.write(buf, 0, n);
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }
}
