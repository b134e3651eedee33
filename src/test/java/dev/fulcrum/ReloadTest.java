package dev.fulcrum;

import dev.fulcrum.cli.Signals;
import static dev.fulcrum.testing.HealthConfigs.awaitHealth;
import static dev.fulcrum.testing.HealthConfigs.check;
import static dev.fulcrum.testing.HealthConfigs.group;
import static dev.fulcrum.testing.TestConfigs.forward;
import static dev.fulcrum.testing.TestConfigs.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fulcrum.config.ActionConfig;
import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.AdminConfig;
import dev.fulcrum.config.ConditionConfig;
import dev.fulcrum.config.ConfigLoader;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.config.LoadBalancerConfig;
import dev.fulcrum.config.Protocol;
import dev.fulcrum.config.RuleConfig;
import dev.fulcrum.config.TargetConfig;
import dev.fulcrum.config.TargetGroupConfig;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetHealth;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.HealthConfigs;
import dev.fulcrum.testing.LoadBalancerExtension;
import dev.fulcrum.testing.LogLines;
import dev.fulcrum.testing.TestConfigs;
import dev.fulcrum.testing.TransitionLog;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Reloading a configuration while the balancer serves: nothing in flight or connected is lost. */
class ReloadTest {

    @RegisterExtension
    final LoadBalancerExtension lb = LoadBalancerExtension.create();

    @TempDir
    Path dir;
    private Path file;

    private static FulcrumConfig config(List<ListenerConfig> listeners, TargetGroupConfig... groups) {
        return new FulcrumConfig(new LoadBalancerConfig("test-lb", LoadBalancerAttributes.defaults()),
                new AdminConfig("127.0.0.1", 0), listeners, List.of(groups));
    }

    private static ListenerConfig listener(int port, List<RuleConfig> rules) {
        return new ListenerConfig("127.0.0.1", port, Protocol.HTTP, rules, List.of(forward("web")));
    }

    /** A balancer started from {@link #file}, written to forward to the target on {@code targetPort}. */
    private Fulcrum startFromFile(int targetPort) throws Exception {
        file = dir.resolve("fulcrum.yaml");
        Files.writeString(file, yaml(targetPort));
        return lb.start(ConfigLoader.load(file));
    }

    @Test
    void aReloadUnderSteadyLoadChangesTargetsAndRulesWithoutOneFailedRequest() throws Exception {
        FakeTarget a = lb.keep(FakeTarget.start("a"));
        FakeTarget b = lb.keep(FakeTarget.start("b"));
        FakeTarget c = lb.keep(FakeTarget.start("c"));
        var check = check("/", "200", 2, 2);
        Fulcrum f = lb.start(config(List.of(listener(0, List.of())), group("web", check, a.port(), b.port())));
        awaitHealth(f, "web", a.port(), TargetHealth.HEALTHY);
        awaitHealth(f, "web", b.port(), TargetHealth.HEALTHY);
        Target leaving = HealthConfigs.target(f, "web", a.port());

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = new CopyOnWriteArrayList<>();
        Map<String, AtomicInteger> byBody = new ConcurrentHashMap<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                try (RawHttpClient client = RawHttpClient.connect(f.port(0))) { // one connection throughout
                    while (running.get()) {
                        RawHttpClient.Response r = client.get("/").readResponse();
                        if (r.status() == 200) {
                            ok.incrementAndGet();
                            byBody.computeIfAbsent(r.bodyText(), k -> new AtomicInteger()).incrementAndGet();
                        } else {
                            failures.add(r.status() + " " + r.header("X-Fulcrum-Error-Reason"));
                        }
                    }
                } catch (RuntimeException e) {
                    failures.add(e.toString());
                }
            }, "steady-client-" + i);
            t.start();
            clients.add(t);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> ok.get() >= 200);

        RuleConfig fixed = rule(5, new ActionConfig.FixedResponse(200, "text/plain", "fixed"),
                new ConditionConfig.PathPattern(List.of("/fixed")));
        f.reload(config(List.of(listener(0, List.of(fixed))), group("web", check, b.port(), c.port())));
        int atReload = ok.get();
        awaitHealth(f, "web", c.port(), TargetHealth.HEALTHY);
        await().atMost(Duration.ofSeconds(30)).until(() -> byBody.containsKey("c") && ok.get() >= atReload + 300);
        running.set(false);
        for (Thread t : clients) {
            t.join(10_000);
        }

        assertThat(failures).isEmpty();
        // a leaves once its last request ends, handed from that request's event loop to the group's scheduler.
        await().atMost(Duration.ofSeconds(15)).until(() -> leaving.health().equals(TargetHealth.NOT_REGISTERED));
        assertThat(HealthConfigs.target(f, "web", b.port()).health()).isEqualTo(TargetHealth.HEALTHY);
        try (RawHttpClient client = RawHttpClient.connect(f.port(0))) {
            assertThat(client.get("/fixed").readResponse().bodyText()).isEqualTo("fixed");
        }
        int aAfter = a.receivedCount();
        try (RawHttpClient client = RawHttpClient.connect(f.port(0))) {
            for (int i = 0; i < 10; i++) {
                assertThat(client.get("/").readResponse().bodyText()).isIn("b", "c");
            }
        }
        assertThat(a.receivedCount()).isEqualTo(aAfter);
    }

    @Test
    void targetsThatStayKeepTheirHealthWhileWeightsAlgorithmAndChecksChange() throws Exception {
        FakeTarget a = lb.keep(FakeTarget.start("a"));
        FakeTarget b = lb.keep(FakeTarget.start("b"));
        var check = check("/", "200", 2, 2);
        TargetGroupConfig first = group("web", check, a.port(), b.port());
        Fulcrum f = lb.start(config(List.of(listener(0, List.of())), first));
        awaitHealth(f, "web", a.port(), TargetHealth.HEALTHY);
        awaitHealth(f, "web", b.port(), TargetHealth.HEALTHY);
        Target kept = HealthConfigs.target(f, "web", a.port());

        // b's weight to 0 and least outstanding requests: a takes everything, still the same healthy target.
        TargetGroupConfig second = group("web", check,
                HealthConfigs.attributes(Algorithm.LEAST_OUTSTANDING_REQUESTS, Duration.ofSeconds(300), Duration.ZERO),
                List.of(TestConfigs.target(a.port()), new TargetConfig("127.0.0.1", b.port(), 0)));
        f.reload(config(List.of(listener(0, List.of())), second));
        assertThat(HealthConfigs.target(f, "web", a.port())).isSameAs(kept);
        assertThat(kept.health()).isEqualTo(TargetHealth.HEALTHY);
        assertThat(f.targetGroups().get("web").config().attributes().algorithm())
                .isEqualTo(Algorithm.LEAST_OUTSTANDING_REQUESTS);
        try (RawHttpClient client = RawHttpClient.connect(f.port(0))) {
            for (int i = 0; i < 6; i++) {
                assertThat(client.get("/").readResponse().bodyText()).isEqualTo("a");
            }
        }

        // Checks off: every target unavailable (and routable); on again: initial, then healthy after one pass.
        f.reload(config(List.of(listener(0, List.of())),
                group("web", TestConfigs.NO_HEALTH_CHECK, a.port(), b.port())));
        assertThat(kept.health()).isEqualTo(TargetHealth.HEALTH_CHECK_DISABLED);
        // The first check may pass before this thread looks again: the path is read from the transition log.
        try (TransitionLog transitions = new TransitionLog()) {
            f.reload(config(List.of(listener(0, List.of())), first));
            awaitHealth(f, "web", a.port(), TargetHealth.HEALTHY);
            assertThat(transitions.of(kept)).containsExactly(
                    "of web: unavailable -> initial (Elb.RegistrationInProgress: Target registration is in progress)",
                    "of web: initial -> initial (Elb.InitialHealthChecking: Initial health checks in progress)",
                    "of web: initial -> healthy");
        }
        assertThat(HealthConfigs.target(f, "web", a.port())).isSameAs(kept);
    }

    @Test
    void aReloadBindsNewListenersAndStopsRemovedOnes() throws Exception {
        FakeTarget a = lb.keep(FakeTarget.start("a"));
        TargetGroupConfig web = group("web", TestConfigs.NO_HEALTH_CHECK, a.port());
        Fulcrum f = lb.start(config(List.of(listener(0, List.of())), web));
        int first = f.port(0);

        f.reload(config(List.of(listener(first, List.of()), listener(0, List.of())), web));
        assertThat(f.listenerAddresses()).hasSize(2);
        assertThat(f.port(0)).isEqualTo(first);
        int second = f.port(1);
        try (RawHttpClient client = RawHttpClient.connect(second)) {
            assertThat(client.get("/").readResponse().bodyText()).isEqualTo("a");
        }

        f.reload(config(List.of(listener(second, List.of())), web));
        assertThat(f.listenerAddresses()).hasSize(1);
        assertThat(f.port(0)).isEqualTo(second);
        assertThatThrownBy(() -> new Socket("127.0.0.1", first).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void aNewListenerThatCannotListenIsLoggedInOneLineAndTheRestOfTheReloadApplies() throws Exception {
        FakeTarget a = lb.keep(FakeTarget.start("a"));
        FakeTarget b = lb.keep(FakeTarget.start("b"));
        Fulcrum f = lb.start(config(List.of(listener(0, List.of())),
                group("web", TestConfigs.NO_HEALTH_CHECK, a.port())));
        int first = f.port(0);
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                LogLines logged = new LogLines()) {
            f.reload(config(List.of(listener(first, List.of()), listener(taken.getLocalPort(), List.of())),
                    group("web", TestConfigs.NO_HEALTH_CHECK, b.port())));
            assertThat(logged.all()).contains("Reload: cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " (listeners[1]): address already in use; the rest of the configuration applies");
        }
        assertThat(f.listenerAddresses()).extracting(InetSocketAddress::getPort).containsExactly(first);
        try (RawHttpClient client = RawHttpClient.connect(first)) {
            assertThat(client.get("/").readResponse().bodyText()).isEqualTo("b");
        }
    }

    @Test
    void aFileThatDoesNotValidateIsRefusedAndTheRunningConfigurationStays() throws Exception {
        FakeTarget a = lb.keep(FakeTarget.start("a"));
        FakeTarget b = lb.keep(FakeTarget.start("b"));
        Fulcrum f = startFromFile(a.port());
        ConfigReloader reloader = lb.keep(new ConfigReloader(file, f));
        FulcrumConfig before = f.config();

        Files.writeString(file, yaml(b.port()).replace("intervalSeconds: 30", "intervalSeconds: 1"));
        assertThat(reloader.reload()).isFalse();
        assertThat(f.config()).isEqualTo(before);
        try (RawHttpClient client = RawHttpClient.connect(f.port(0))) {
            assertThat(client.get("/").readResponse().bodyText()).isEqualTo("a");
        }

        Files.writeString(file, yaml(b.port()));
        assertThat(reloader.reload()).isTrue();
        try (RawHttpClient client = RawHttpClient.connect(f.port(0))) {
            assertThat(client.get("/").readResponse().bodyText()).isEqualTo("b");
        }
    }

    @Test
    void aChangedFileIsReloadedByTheWatcher() throws Exception {
        FakeTarget a = lb.keep(FakeTarget.start("a"));
        FakeTarget b = lb.keep(FakeTarget.start("b"));
        Fulcrum f = startFromFile(a.port());
        lb.keep(new ConfigReloader(file, f).watch());

        Files.writeString(file, yaml(b.port()));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> f.targetGroups().get("web").find("127.0.0.1", b.port()) != null);
        try (RawHttpClient client = RawHttpClient.connect(f.port(0))) {
            assertThat(client.get("/").readResponse().bodyText()).isEqualTo("b");
        }
    }

    @Test
    void sighupReloadsTheFile() throws Exception {
        FakeTarget a = lb.keep(FakeTarget.start("a"));
        FakeTarget b = lb.keep(FakeTarget.start("b"));
        Fulcrum f = startFromFile(a.port());
        ConfigReloader reloader = lb.keep(new ConfigReloader(file, f)); // not watching: only the signal reloads
        Optional<Runnable> installed = Signals.onHangup(reloader::reload);
        assumeTrue(installed.isPresent(), "this JVM ignores SIGHUP (started with nohup): no handler can see it");
        Runnable restore = installed.get();
        try {
            Files.writeString(file, yaml(b.port()));
            sun.misc.Signal.raise(new sun.misc.Signal("HUP"));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> f.targetGroups().get("web").find("127.0.0.1", b.port()) != null);
        } finally {
            restore.run();
        }
    }

    private static String yaml(int targetPort) {
        return """
                admin:
                  listen: 127.0.0.1:0
                listeners:
                  - port: 0
                    address: 127.0.0.1
                    defaultActions:
                      - type: forward
                        targetGroup: web
                targetGroups:
                  - name: web
                    attributes: {deregistration_delay.timeout_seconds: 0}
                    healthCheck: {enabled: false, intervalSeconds: 30}
                    targets:
                      - {id: 127.0.0.1, port: %d}
                """.formatted(targetPort);
    }
}
