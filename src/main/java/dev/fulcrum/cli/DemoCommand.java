package dev.fulcrum.cli;

import dev.fulcrum.CannotListenException;
import dev.fulcrum.Fulcrum;
import dev.fulcrum.FulcrumOptions;
import dev.fulcrum.config.ActionConfig;
import dev.fulcrum.config.CertificateConfig;
import dev.fulcrum.config.AdminConfig;
import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.ConditionConfig;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.HealthCheckConfig;
import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.config.LoadBalancerConfig;
import dev.fulcrum.config.PemFiles;
import dev.fulcrum.config.Protocol;
import dev.fulcrum.config.ProtocolVersion;
import dev.fulcrum.config.RuleConfig;
import dev.fulcrum.config.SecurityPolicy;
import dev.fulcrum.config.TargetConfig;
import dev.fulcrum.config.TargetGroupAttributes;
import dev.fulcrum.config.TargetGroupConfig;
import dev.fulcrum.config.TlsConfig;
import dev.fulcrum.lab.DemoTarget;
import dev.fulcrum.observability.AccessLogFormat;
import dev.fulcrum.observability.ExchangeLog;
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.target.Target;
import dev.fulcrum.target.TargetGroup;
import dev.fulcrum.target.TargetHealth;
import dev.fulcrum.tls.LocalCertificate;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fulcrum demo}: the embedded default. Two demo targets inside the process, a load balancer in front of
 * them with a few rules, and what to try.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a load balancer on 127.0.0.1:8080 with two demo targets and show what to try.")
final class DemoCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);

    @Option(names = "--port", defaultValue = "8080",
            description = "Listener port; 0 = any free port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--https-port", defaultValue = "8443",
            description = "HTTPS listener port, with a certificate made at start for localhost; 0 = any free port"
                    + " (default: ${DEFAULT-VALUE}).")
    private int httpsPort;

    @Option(names = "--admin-port", defaultValue = "" + AdminConfig.DEFAULT_PORT,
            description = "Admin endpoint port (target health, metrics); 0 = any free port"
                    + " (default: ${DEFAULT-VALUE}).")
    private int adminPort;

    @Override
    public Integer call() throws Exception {
        ExecutorService printer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "demo-printer");
            t.setDaemon(true);
            return t;
        });
        // Printing is I/O: it happens on its own thread, never on an event loop.
        AccessLogFormat alb = AccessLogFormat.alb("demo");
        ExchangeLog printLog = r -> printer.execute(() -> System.out.println(describe(r) + "\n    " + alb.format(r)));
        try (Demo demo = Demo.start(port, httpsPort, adminPort, printLog)) {
            System.out.println(welcome(demo));
            Signals.awaitStop();
            System.out.println("\nStopping: finishing in-flight requests, then closing.");
        } catch (CannotListenException e) {
            // As 'fulcrum run' says it, with the option that sets the address in place of its path in a file.
            String option = e.configPath().equals("admin.listen") ? "--admin-port"
                    : e.configPath().equals("listeners[1]") ? "--https-port" : "--port";
            System.err.println("cannot listen on " + e.address() + " (" + option + "): " + e.reason());
            return 1;
        } finally {
            printer.shutdown();
            printer.awaitTermination(1, TimeUnit.SECONDS);
        }
        return 0;
    }

    /** The running demo: two targets, the balancer in front of them, and the folder of its certificate. */
    record Demo(EventLoopGroup targetLoop, DemoTarget a, DemoTarget b, Fulcrum fulcrum, Path certificates)
            implements AutoCloseable {

        /**
         * Starts the targets, then the balancer on 127.0.0.1 {@code port} (HTTP) and {@code httpsPort} (HTTPS, a
         * certificate made now for localhost and 127.0.0.1) with its admin endpoint on 127.0.0.1 {@code adminPort}
         * (0 = any free port, for each).
         *
         * @throws CannotListenException when a port is taken; the targets are stopped again
         */
        static Demo start(int port, int httpsPort, int adminPort, ExchangeLog log) throws InterruptedException {
            EventLoopGroup targetLoop = new MultiThreadIoEventLoopGroup(1,
                    new DefaultThreadFactory("demo-target", true), NioIoHandler.newFactory());
            DemoTarget a = null;
            DemoTarget b = null;
            Path certificates = null;
            try {
                a = DemoTarget.start("demo-a", targetLoop, NioServerSocketChannel.class);
                b = DemoTarget.start("demo-b", targetLoop, NioServerSocketChannel.class);
                certificates = temporaryFolder();
                CertificateConfig certificate = localhostCertificate(certificates);
                Fulcrum fulcrum = Fulcrum.start(config(port, httpsPort == 0 ? freePort() : httpsPort, adminPort,
                        a.port(), b.port(), certificate), FulcrumOptions.builder().log(log).build());
                awaitFirstChecks(fulcrum);
                return new Demo(targetLoop, a, b, fulcrum, certificates);
            } catch (InterruptedException | RuntimeException e) {
                deleteFolder(certificates);
                if (a != null) {
                    a.close();
                }
                if (b != null) {
                    b.close();
                }
                targetLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
                throw e;
            }
        }

        /**
         * Returns once every demo target is healthy (about a second): until then the target that passed first
         * would take every request, as on ALB, and "run it twice" would show demo-a twice. If one is not healthy
         * after 15 s (a first check that timed out on a very busy machine), says which and why, and goes on.
         */
        private static void awaitFirstChecks(Fulcrum fulcrum) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline && fulcrum.targetGroups().allTargets().stream()
                    .anyMatch(t -> !t.health().is(TargetHealth.State.HEALTHY))) {
                Thread.sleep(20); // the command's own thread, not an event loop
            }
            for (TargetGroup group : fulcrum.targetGroups().all()) {
                for (Target t : group.targets()) {
                    if (!t.health().is(TargetHealth.State.HEALTHY)) {
                        log.warn("Demo target {} of {} is not healthy yet: {} ({}); `./fulcrum targets` shows when"
                                + " it is", t, group.name(), t.health(), t.health().description());
                    }
                }
            }
        }

        int port() {
            return fulcrum.port(0);
        }

        int httpsPort() {
            return fulcrum.port(1);
        }

        /** The admin endpoint's address as {@code admin.listen} and {@code fulcrum targets --admin} write it. */
        String adminAddress() {
            return "127.0.0.1:" + fulcrum.adminAddress().getPort();
        }

        @Override
        public void close() {
            fulcrum.close();
            a.close();
            b.close();
            targetLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            deleteFolder(certificates);
        }

        /** A self-signed certificate for localhost and 127.0.0.1, valid for a week: the demo's HTTPS listener. */
        private static CertificateConfig localhostCertificate(Path folder) {
            try {
                LocalCertificate.Pair pair = LocalCertificate.write(folder, "localhost",
                        List.of("localhost", "127.0.0.1", "::1"), Duration.ofDays(7));
                return CertificateConfig.of(pair.certificateFile(), pair.keyFile(),
                        PemFiles.certificates(pair.certificateFile()).get(0));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException | PemFiles.PemException e) {
                throw new IllegalStateException("cannot make the demo's certificate: " + e.getMessage(), e);
            }
        }

        private static Path temporaryFolder() {
            try {
                return Files.createTempDirectory("fulcrum-demo-tls");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A port free now on 127.0.0.1, for an HTTPS listener the HTTP one redirects to (asked for with 0). */
        private static int freePort() {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return probe.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void deleteFolder(Path folder) {
            if (folder == null) {
                return;
            }
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                log.warn("Could not remove the demo's certificate folder {}: {}", folder, e.toString());
            }
        }
    }

    /** The demo's health check: ALB's, every 5 s (the shortest ALB allows) so that states change while you watch. */
    private static final HealthCheckConfig DEMO_CHECK = new HealthCheckConfig(true, Protocol.HTTP,
            HealthCheckConfig.TRAFFIC_PORT, "/", Duration.ofSeconds(5), Duration.ofSeconds(4),
            2, 2, HealthCheckConfig.DEFAULT_MATCHER);

    static FulcrumConfig config(int listenerPort, int httpsPort, int adminPort, int portA, int portB,
            CertificateConfig certificate) {
        LoadBalancerAttributes attributes = LoadBalancerAttributes.defaults().withErrorReasonHeader(true);
        TargetGroupConfig web = new TargetGroupConfig("web", Protocol.HTTP, ProtocolVersion.HTTP1, portA,
                TargetGroupAttributes.defaults().withAlgorithm(Algorithm.ROUND_ROBIN), DEMO_CHECK,
                List.of(new TargetConfig("127.0.0.1", portA, TargetConfig.DEFAULT_WEIGHT),
                        new TargetConfig("127.0.0.1", portB, TargetConfig.DEFAULT_WEIGHT)));
        TargetGroupConfig api = new TargetGroupConfig("api", Protocol.HTTP, ProtocolVersion.HTTP1, portB,
                TargetGroupAttributes.defaults(), DEMO_CHECK,
                List.of(new TargetConfig("127.0.0.1", portB, TargetConfig.DEFAULT_WEIGHT)));
        List<RuleConfig> rules = List.of(
                new RuleConfig(10, List.of(new ConditionConfig.PathPattern(List.of("/api/*"))),
                        List.of(forward("api"))),
                new RuleConfig(20, List.of(new ConditionConfig.PathPattern(List.of("/health"))),
                        List.of(new ActionConfig.FixedResponse(200, "text/plain", "ok\n"))),
                new RuleConfig(30, List.of(new ConditionConfig.PathPattern(List.of("/old/*"))),
                        List.of(new ActionConfig.Redirect(null, null, null, "/new/#{path}", null, 301))));
        List<RuleConfig> httpRules = new ArrayList<>(rules);
        httpRules.add(new RuleConfig(40, List.of(new ConditionConfig.PathPattern(List.of("/secure/*"))),
                List.of(new ActionConfig.Redirect("HTTPS", null, Integer.toString(httpsPort), null, null, 301))));
        ListenerConfig http = new ListenerConfig("127.0.0.1", listenerPort, Protocol.HTTP, httpRules,
                List.of(forward("web")));
        ListenerConfig https = new ListenerConfig("127.0.0.1", httpsPort, Protocol.HTTPS, rules,
                List.of(forward("web")), new TlsConfig(SecurityPolicy.named(SecurityPolicy.DEFAULT).orElseThrow(),
                        List.of(certificate)));
        return new FulcrumConfig(new LoadBalancerConfig("demo", attributes), new AdminConfig("127.0.0.1", adminPort),
                List.of(http, https), List.of(web, api));
    }

    private static ActionConfig forward(String group) {
        return new ActionConfig.Forward(List.of(new ActionConfig.WeightedTargetGroup(group, 1)));
    }

    /** What the demo prints once it runs: where everything is, the rules, and what to try. */
    static String welcome(Demo demo) {
        String lb = "http://127.0.0.1:" + demo.port();
        String tls = "https://localhost:" + demo.httpsPort();
        String admin = "http://" + demo.adminAddress();
        String targets = "./fulcrum targets" + (demo.fulcrum().adminAddress().getPort() == AdminConfig.DEFAULT_PORT
                ? "" : " --admin " + demo.adminAddress());
        DemoTarget a = demo.a();
        DemoTarget b = demo.b();
        return """

                Fulcrum demo is running.
                  load balancer   %s
                                  %s (certificate made at start for localhost: curl -k trusts it)
                  admin endpoint  %s
                  targets         %s on 127.0.0.1:%d, %s on 127.0.0.1:%d

                Rules of the listener (lowest priority first):
                  10  path /api/*   -> forward to target group 'api' (demo-b only)
                  20  path /health  -> fixed response 200 "ok"
                  30  path /old/*   -> redirect 301 to /new/#{path}
                  40  path /secure/* -> redirect 301 to HTTPS on port %d (the HTTP listener only)
                  default           -> forward to target group 'web' (demo-a and demo-b, round robin)

                Try:
                  curl -s  %s/              # run it twice: demo-a, then demo-b
                  curl -s  %s/api/orders    # rule 10
                  curl -si %s/health        # rule 20
                  curl -si %s/old/page      # rule 30
                  curl -si -X TRACE %s/     # 405 made by the balancer; X-Fulcrum-Error-Reason says why
                  curl -sik %s/          # the same rules over TLS 1.3, HTTP/2 when curl offers it
                  curl -sikL %s/secure/page   # rule 40, followed to the HTTPS listener
                  curl -si http://127.0.0.1:%d/     # plain HTTP to the HTTPS port: 400

                Target health (checked every 5 s, as ALB would with intervalSeconds: 5):
                  %-52s # a table, like aws elbv2 describe-target-health
                  curl -s %s/api/v1/target-health   # the same as JSON

                Metrics (CloudWatch names):
                  curl -s %s/metrics           # Prometheus text
                  curl -s %s/api/v1/metrics    # JSON, per load balancer and target group

                Each request is printed below with its ALB access-log line. Ctrl-C stops everything.
                """.formatted(lb, tls, admin, a.name(), a.port(), b.name(), b.port(), demo.httpsPort(), lb, lb, lb, lb,
                lb, tls, lb, demo.httpsPort(), targets, admin, admin, admin);
    }

    /**
     * One line per request: the request, both statuses, the target, the rule and the actions. What did not happen
     * shows as {@code -}, never as the record's internal marks (-1 for no status, -2 for no rule).
     */
    static String describe(ExchangeRecord r) {
        String request = r.method() == null ? "-" : r.method() + " " + r.uri();
        String reason = r.error() == null ? "" : "  error_reason=" + r.errorReason();
        return "%-28s elb=%s target=%s via %s rule=%s actions=%s%s".formatted(request, status(r.elbStatus()),
                status(r.targetStatus()), r.target() == null ? "-" : r.target(),
                r.matchedRulePriority() == ExchangeRecord.NO_RULE ? "-" : Integer.toString(r.matchedRulePriority()),
                r.actionsExecuted().isEmpty() ? "-" : String.join(",", r.actionsExecuted()), reason);
    }

    private static String status(int status) {
        return status == ExchangeRecord.NO_STATUS ? "-" : Integer.toString(status);
    }
}
