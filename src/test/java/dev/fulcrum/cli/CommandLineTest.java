package dev.fulcrum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fulcrum.config.AdminConfig;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.MinimumHealthyTargets;
import dev.fulcrum.lab.RefusedPort;
import dev.fulcrum.target.TargetHealth;
import dev.fulcrum.testing.FakeTarget;
import dev.fulcrum.testing.HealthConfigs;
import dev.fulcrum.testing.LogLines;
import dev.fulcrum.testing.TestCertificates;
import dev.fulcrum.testing.TestBalancer;
import dev.fulcrum.testing.TestConfigs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands a user types: exit codes and what they print. */
class CommandLineTest {

    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void validateExitsZeroForAValidFile() throws Exception {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, """
                listeners:
                  - port: 8080
                    defaultActions:
                      - type: forward
                        targetGroup: web
                targetGroups:
                  - name: web
                    targets:
                      - {id: 127.0.0.1, port: 9001}
                """);
        CommandRun r = run("validate", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("valid");
    }

    @Test
    void validateWarnsOfAnExpiredCertificateAndStillExitsZero() throws Exception {
        java.time.Instant now = java.time.Instant.now();
        TestCertificates.Issued old = new TestCertificates(dir).issue(TestCertificates.Spec.of("old.test")
                .valid(now.minus(java.time.Duration.ofDays(30)), now.minus(java.time.Duration.ofDays(1))));
        Path file = dir.resolve("tls.yaml");
        Files.writeString(file, """
                listeners:
                  - port: 8443
                    protocol: HTTPS
                    certificates: [{certificateFile: %s, keyFile: %s}]
                    defaultActions: [{type: forward, targetGroup: web}]
                targetGroups:
                  - name: web
                    targets: [{id: 127.0.0.1, port: 9001}]
                """.formatted(dir.relativize(old.certificateFile()), dir.relativize(old.keyFile())));
        CommandRun r = run("validate", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("warning: listeners[0].certificates[0]: " + old.certificateFile() + " expired on ")
                .contains(file + ": valid");
    }

    @Test
    void validatePrintsEveryProblemWithItsPathAndExitsOne() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, """
                loadBalancer:
                  attributes:
                    idle_timeout.timeout_seconds: 0
                listeners:
                  - port: 8080
                    rules:
                      - priority: 10
                        conditions:
                          - field: path-pattern
                            values: []
                        actions:
                          - type: forward
                            targetGroup: missing
                    defaultActions:
                      - type: forward
                        targetGroup: web
                targetGroups:
                  - name: web
                    targets:
                      - {id: 127.0.0.1, port: 70000}
                """);
        CommandRun r = run("validate", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines()).anyMatch(l -> l.startsWith("loadBalancer.attributes.idle_timeout.timeout_seconds: "))
                .anyMatch(l -> l.startsWith("listeners[0].rules[0].conditions[0].values: "))
                .anyMatch(l -> l.startsWith("listeners[0].rules[0].actions[0].targetGroup: "))
                .anyMatch(l -> l.startsWith("targetGroups[0].targets[0].port: "));
    }

    @Test
    void runRefusesAnInvalidFileWithItsProblemsAndExitsOne() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "listeners: []\n");
        CommandRun r = run("run", "-c", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("not started").contains("listeners");
    }

    @Test
    void runTakesTheFileAsItsParameterAsValidateDoes() throws Exception {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, "listeners: []\n");
        CommandRun r = run("run", file.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith(file + ": not started, ");
    }

    @Test
    void runGivenTheFileTwiceOrNotAtAllIsAUsageError() throws Exception {
        Path file = dir.resolve("fulcrum.yaml");
        Files.writeString(file, "listeners: []\n");
        CommandRun both = run("run", "-c", file.toString(), file.toString());
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).startsWith("Give the configuration file once: 'fulcrum run FILE' or 'fulcrum run -c"
                + " FILE', not both\n").contains("Usage: fulcrum run");
        CommandRun neither = run("run");
        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).startsWith("Missing the configuration file: 'fulcrum run FILE' (or 'fulcrum run -c"
                + " FILE')\n").contains("Usage: fulcrum run");
    }

    @Test
    void runSaysInOneLineThatTheAdminPortIsTakenAndNeverThatItStarted() throws Exception {
        try (ServerSocket taken = occupiedPort()) {
            Path file = dir.resolve("fulcrum.yaml");
            Files.writeString(file, runnableYaml("127.0.0.1:" + taken.getLocalPort(), 0));
            try (LogLines logged = new LogLines()) {
                CommandRun r = run("run", file.toString());
                assertThat(r.exit()).isEqualTo(1);
                assertThat(r.err().lines()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                        + " (admin.listen): address already in use");
                assertThat(logged.all()).anyMatch(l -> l.startsWith("Listener 0 (HTTP) accepting on")); // logs seen
                assertNothingStartedNorAStackTrace(r, logged);
            }
        }
    }

    @Test
    void runSaysInOneLineThatAListenerPortIsTakenAndNeverThatItStarted() throws Exception {
        try (ServerSocket taken = occupiedPort()) {
            Path file = dir.resolve("fulcrum.yaml");
            Files.writeString(file, runnableYaml("127.0.0.1:0", taken.getLocalPort()));
            try (LogLines logged = new LogLines()) {
                CommandRun r = run("run", "-c", file.toString());
                assertThat(r.exit()).isEqualTo(1);
                assertThat(r.err().lines()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                        + " (listeners[0]): address already in use");
                assertNothingStartedNorAStackTrace(r, logged);
            }
        }
    }

    @Test
    void demoSaysInOneLineWhichOfItsPortsIsTaken() throws Exception {
        try (ServerSocket taken = occupiedPort(); LogLines logged = new LogLines()) {
            String port = Integer.toString(taken.getLocalPort());
            CommandRun admin = run("demo", "--port", "0", "--admin-port", port);
            assertThat(admin.exit()).isEqualTo(1);
            assertThat(admin.err().lines())
                    .contains("cannot listen on 127.0.0.1:" + port + " (--admin-port): address already in use");
            assertNothingStartedNorAStackTrace(admin, logged);

            CommandRun listener = run("demo", "--port", port, "--admin-port", "0");
            assertThat(listener.exit()).isEqualTo(1);
            assertThat(listener.err().lines())
                    .contains("cannot listen on 127.0.0.1:" + port + " (--port): address already in use");
            assertNothingStartedNorAStackTrace(listener, logged);
        }
    }

    /** A port on 127.0.0.1 that something else listens on. */
    private static ServerSocket occupiedPort() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    }

    private static void assertNothingStartedNorAStackTrace(CommandRun r, LogLines logged) {
        assertThat(logged.all()).noneMatch(l -> l.contains("started"));
        assertThat(r.out()).doesNotContain("started").doesNotContain("is running");
        assertThat(r.err()).doesNotContain("started").doesNotContain("Exception").doesNotContain("\tat ");
    }

    private static String runnableYaml(String adminListen, int listenerPort) {
        return """
                admin:
                  listen: %s
                listeners:
                  - port: %d
                    address: 127.0.0.1
                    defaultActions:
                      - type: forward
                        targetGroup: web
                targetGroups:
                  - name: web
                    healthCheck: {enabled: false}
                    targets:
                      - {id: 127.0.0.1, port: 9001}
                """.formatted(adminListen, listenerPort);
    }

    @Test
    void versionAndHelpAnswer() {
        CommandRun version = run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("fulcrum ");
        CommandRun help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("run", "validate", "demo", "lab", "help");
    }

    @Test
    void helpCommandShowsTheUsageOfTheCommandItNames() {
        CommandRun all = run("help");
        assertThat(all.exit()).isZero();
        assertThat(all.out()).startsWith("Usage: fulcrum ").contains("targets", "validate");
        CommandRun one = run("help", "targets");
        assertThat(one.exit()).isZero();
        assertThat(one.out()).startsWith("Usage: fulcrum targets ").contains("--admin", "--group");
        assertThat(one.out()).isEqualTo(run("targets", "--help").out());
    }

    @Test
    void labListsItsScenarios() {
        CommandRun r = run("lab", "--list");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("502-target-refused", "504-connect-timeout", "460-client-closed-while-waiting");
    }

    @Test
    void targetsPrintsEveryTargetsHealthAsATable() throws Exception {
        try (FakeTarget t = FakeTarget.start("t");
                TestBalancer lb = TestBalancer.start(TestConfigs.forwardingTo(TestConfigs.group("web", t)))) {
            String url = "http://127.0.0.1:" + lb.fulcrum().adminAddress().getPort();
            CommandRun all = run("targets", "--admin", url);
            assertThat(all.exit()).isZero();
            assertThat(all.out().lines().toList()).containsExactly(
                    "TARGET GROUP  TARGET     " + String.format("%-" + String.valueOf(t.port()).length() + "s", "PORT")
                            + "  STATE        REASON                      DESCRIPTION",
                    "web           127.0.0.1  " + t.port()
                            + "  unavailable  Target.HealthCheckDisabled  Health checks are disabled");

            CommandRun other = run("targets", "--admin", url, "--group", "nope");
            assertThat(other.exit()).isEqualTo(1);
            assertThat(other.err()).contains("No targets in target group 'nope'");
        }
    }

    @Test
    void targetsSaysWhenAGroupIsInRoutingFailover() throws Exception {
        try (FakeTarget good = FakeTarget.start("good");
                FakeTarget missing = FakeTarget.start("missing").behave(FakeTarget.text(404, "no"));
                TestBalancer lb = TestBalancer.start(TestConfigs.forwardingTo(HealthConfigs.group("web",
                        HealthConfigs.check("/", "200", 2, 2), new MinimumHealthyTargets(2, MinimumHealthyTargets.OFF),
                        good.port(), missing.port())))) {
            HealthConfigs.awaitHealth(lb.fulcrum(), "web", missing.port(), TargetHealth.responseCodeMismatch(404));
            HealthConfigs.awaitHealth(lb.fulcrum(), "web", good.port(), TargetHealth.HEALTHY);
            HealthConfigs.awaitFailover(lb.fulcrum(), "web", true);

            CommandRun r = run("targets", "--admin", "http://127.0.0.1:" + lb.fulcrum().adminAddress().getPort());
            assertThat(r.exit()).isZero();
            assertThat(r.out()).endsWith("\nTarget group web is in routing failover: 1 of 2 target(s) healthy, below"
                    + " the minimum (count 2, percentage off), so unhealthy targets receive requests too.\n");
        }
    }

    @Test
    void targetsTakesTheAdminAddressAsAdminListenWritesIt() throws Exception {
        try (FakeTarget t = FakeTarget.start("t");
                TestBalancer lb = TestBalancer.start(TestConfigs.forwardingTo(TestConfigs.group("web", t)))) {
            CommandRun r = run("targets", "--admin", "127.0.0.1:" + lb.fulcrum().adminAddress().getPort());
            assertThat(r.exit()).isZero();
            assertThat(r.out().lines()).hasSize(2).last().asString().startsWith("web           127.0.0.1  " + t.port());
        }
    }

    @Test
    void targetsTakesAnIpv6AdminAddressInBrackets() throws Exception {
        assumeTrue(hasIpv6Loopback(), "this machine has no IPv6 loopback (::1): nothing can listen there");
        try (FakeTarget t = FakeTarget.start("t")) {
            FulcrumConfig onV6 = TestConfigs.forwardingTo(TestConfigs.group("web", t));
            onV6 = new FulcrumConfig(onV6.loadBalancer(), new AdminConfig("::1", 0), onV6.listeners(),
                    onV6.targetGroups());
            try (TestBalancer lb = TestBalancer.start(onV6)) {
                CommandRun r = run("targets", "--admin", "[::1]:" + lb.fulcrum().adminAddress().getPort());
                assertThat(r.exit()).isZero();
                assertThat(r.out().lines()).hasSize(2);
            }
        }
    }

    @Test
    void targetsTurnsEveryFormOfAdminAddressIntoItsUrl() {
        assertThat(TargetsCommand.adminUrl("127.0.0.1:9091")).isEqualTo("http://127.0.0.1:9091");
        assertThat(TargetsCommand.adminUrl("[::1]:9091")).isEqualTo("http://[::1]:9091");
        assertThat(TargetsCommand.adminUrl("localhost:9091")).isEqualTo("http://localhost:9091");
        assertThat(TargetsCommand.adminUrl("http://127.0.0.1:9091/")).isEqualTo("http://127.0.0.1:9091");
        assertThat(TargetsCommand.adminUrl("https://lb.example:8443")).isEqualTo("https://lb.example:8443");
    }

    private static boolean hasIpv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("::1", 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void targetsExplainsWhenTheAdminEndpointCannotBeReached() throws Exception {
        try (RefusedPort closed = RefusedPort.reserve()) {
            CommandRun r = run("targets", "--admin", "http://127.0.0.1:" + closed.port());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("Cannot read http://127.0.0.1:" + closed.port() + "/api/v1/target-health");
        }
    }
}
