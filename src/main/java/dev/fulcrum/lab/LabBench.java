package dev.fulcrum.lab;

import dev.fulcrum.Fulcrum;
import dev.fulcrum.FulcrumOptions;
import dev.fulcrum.config.ActionConfig;
import dev.fulcrum.config.AdminConfig;
import dev.fulcrum.config.Algorithm;
import dev.fulcrum.config.CertificateConfig;
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
import dev.fulcrum.observability.ExchangeRecord;
import dev.fulcrum.proxy.Faults;
import dev.fulcrum.tls.LocalCertificate;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Everything one scenario plays with, all on loopback: misbehaving targets, a balancer in front of them with
 * short timeouts (1 s idle, 1 s connect) and the error-reason header on, and a raw client. Closing the bench
 * stops all of it.
 */
public final class LabBench implements AutoCloseable {

    /** The path that makes the balancer fail internally (through the {@link Faults} seam), for the 500 case. */
    public static final String INTERNAL_FAILURE_PATH = "/lab/internal-failure";
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** The lab balancer's name (its access-log lines say {@code app/lab/<id>}). */
    static final String NAME = "lab";

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    /** What stalled targets wait on; released when the bench closes. */
    private final Hold stalls = new Hold();
    private final RecordedExchanges log = new RecordedExchanges();
    private Fulcrum fulcrum;
    private RawHttpClient client;
    private X509Certificate served;
    private H2Client h2;

    /** The lab's load balancer attributes: ALB's defaults with 1 s timeouts and the error-reason header on. */
    public static LoadBalancerAttributes attributes(long maxBodyBytes, int maxRequestsPerSecond) {
        return LoadBalancerAttributes.defaults().toBuilder().idleTimeout(TIMEOUT).targetConnectTimeout(TIMEOUT)
                .maxRequestBodyBytes(maxBodyBytes).maxRequestsPerSecond(maxRequestsPerSecond).errorReasonHeader(true)
                .build();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Targets

    /** A target running {@code script} on each connection; returns its port. */
    public int target(RawTarget.Script script) {
        RawTarget t = RawTarget.start(script);
        resources.push(t);
        return t.port();
    }

    /**
     * Holds a target's script where it is, sending nothing, until the bench closes: a target that never answers (or
     * never finishes), for as long as the scenario needs, where a sleep would end on its own.
     */
    public void stall() throws InterruptedException {
        stalls.await();
    }

    /** A target that reads each request (and its Content-Length body), answers 200 "ok" and keeps the connection. */
    public int healthyTarget() {
        return target(s -> {
            String head;
            while (!(head = RawTarget.readHead(s.getInputStream())).isEmpty()) {
                s.getInputStream().readNBytes(RawTarget.contentLength(head));
                RawTarget.write(s, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            }
        });
    }

    /** A port on which nothing listens, held until the bench closes: connecting gets a TCP RST. */
    public int closedPort() {
        RefusedPort p = RefusedPort.reserve();
        resources.push(p);
        return p.port();
    }

    /**
     * The broadcast address of the loopback network, {@code 127.255.255.255}: the kernel refuses a TCP connection to
     * a broadcast address at once ("network is unreachable") without sending a packet, so a target there is a
     * connection error that is neither a refusal nor a timeout.
     */
    public static final String UNREACHABLE_ADDRESS = "127.255.255.255";

    /**
     * A port whose accept queue is full and never drained: the kernel drops further SYNs, so a connection
     * attempt hangs until the connect timeout, as with a firewall that drops packets.
     */
    public int blackholePort() {
        try {
            ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            resources.push(server);
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
            for (int i = 0; i < 4; i++) {
                Socket filler = new Socket();
                resources.push(filler);
                try {
                    filler.connect(address, 200);
                } catch (IOException e) {
                    break; // the queue is full: this very attempt was dropped
                }
            }
            return server.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Balancer

    /** A balancer forwarding everything to one group of the given target ports. */
    public void balancer(int... targetPorts) {
        balancer(attributes(0, 0), group("lab-targets", ProtocolVersion.HTTP1, targetPorts), List.of());
    }

    public void balancer(LoadBalancerAttributes attributes, TargetGroupConfig group, List<RuleConfig> rules) {
        balancer(attributes, group, rules, null);
    }

    /**
     * A balancer whose one listener is HTTPS ({@code ELBSecurityPolicy-TLS13-1-2-2021-06}), with a certificate made
     * now for {@code lab.example} and 127.0.0.1, forwarding everything to the given target ports.
     */
    public void httpsBalancer(int... targetPorts) {
        balancer(attributes(0, 0), group("lab-targets", ProtocolVersion.HTTP1, targetPorts), List.of(),
                new TlsConfig(SecurityPolicy.named(SecurityPolicy.DEFAULT).orElseThrow(),
                        List.of(certificate("lab.example", "127.0.0.1"))));
    }

    /** A self-signed certificate for {@code names}, made now in a folder the bench removes. */
    public CertificateConfig certificate(String... names) {
        try {
            Path folder = Files.createTempDirectory("fulcrum-lab-tls");
            resources.push(() -> {
                try (var files = Files.list(folder)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(folder);
            });
            LocalCertificate.Pair pair = LocalCertificate.write(folder, names[0], List.of(names), Duration.ofDays(1));
            return CertificateConfig.of(pair.certificateFile(), pair.keyFile(),
                    PemFiles.certificates(pair.certificateFile()).get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | PemFiles.PemException e) {
            throw new IllegalStateException(e);
        }
    }

    private void balancer(LoadBalancerAttributes attributes, TargetGroupConfig group, List<RuleConfig> rules,
            TlsConfig tls) {
        ListenerConfig listener = new ListenerConfig("127.0.0.1", 0, tls == null ? Protocol.HTTP : Protocol.HTTPS,
                rules, List.of(new ActionConfig.Forward(List.of(new ActionConfig.WeightedTargetGroup(group.name(), 1)))),
                tls);
        FulcrumConfig config = new FulcrumConfig(new LoadBalancerConfig(NAME, attributes),
                new AdminConfig("127.0.0.1", 0), List.of(listener), List.of(group));
        Faults faults = request -> {
            if (request.uri().startsWith(INTERNAL_FAILURE_PATH)) {
                throw new IllegalStateException("lab: injected internal failure");
            }
        };
        try {
            fulcrum = Fulcrum.start(config, FulcrumOptions.builder().eventLoops(1).log(log)
                    .faults(faults).drainTimeout(Duration.ofSeconds(2)).build());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Applies a new configuration to the running balancer, as a changed file would: its target group changes. */
    public void reload(TargetGroupConfig group) {
        FulcrumConfig current = fulcrum.config();
        try {
            fulcrum.reload(new FulcrumConfig(current.loadBalancer(), current.admin(), current.listeners(),
                    List.of(group)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The lab's scripted targets answer only what their scenario asks: no health checks reach them. */
    private static final HealthCheckConfig NO_HEALTH_CHECK = HealthCheckConfig.defaults().withEnabled(false);

    public static TargetGroupConfig group(String name, ProtocolVersion version, int... targetPorts) {
        List<TargetConfig> targets = Arrays.stream(targetPorts)
                .mapToObj(p -> new TargetConfig("127.0.0.1", p, TargetConfig.DEFAULT_WEIGHT)).toList();
        return new TargetGroupConfig(name, Protocol.HTTP, version, 80,
                TargetGroupAttributes.defaults().withAlgorithm(Algorithm.ROUND_ROBIN), NO_HEALTH_CHECK,
                targets);
    }

    /** A group of the given target ports whose protocol is HTTPS: the balancer speaks TLS to them. */
    public static TargetGroupConfig httpsGroup(String name, int... targetPorts) {
        TargetGroupConfig g = group(name, ProtocolVersion.HTTP1, targetPorts);
        return new TargetGroupConfig(g.name(), Protocol.HTTPS, g.protocolVersion(), g.port(), g.attributes(),
                g.healthCheck().withProtocol(Protocol.HTTPS), g.targets());
    }

    public static TargetGroupConfig group(String name, List<TargetConfig> targets) {
        return group(name, TargetGroupAttributes.defaults(), targets);
    }

    public static TargetGroupConfig group(String name, TargetGroupAttributes attributes, List<TargetConfig> targets) {
        return new TargetGroupConfig(name, Protocol.HTTP, ProtocolVersion.HTTP1, 80, attributes, NO_HEALTH_CHECK,
                targets);
    }

    public int balancerPort() {
        return fulcrum.port(0);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Client

    /** The scenario's client connection to the balancer (opened on first use). */
    public RawHttpClient client() {
        if (client == null) {
            client = newClient();
        }
        return client;
    }

    /**
     * The scenario's client connection over TLS, asking for {@code serverName} (SNI) and taking any certificate, as
     * {@code curl -k} would; {@link #servedCertificate} is what the listener presented.
     */
    public RawHttpClient tlsClient(String serverName) {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, InsecureTrustManagerFactory.INSTANCE.getTrustManagers(), null);
            SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", balancerPort());
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            client = RawHttpClient.over(socket);
            resources.push(client);
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The scenario's HTTP/2 connection to the (HTTPS) balancer, ALPN h2, any certificate taken. */
    public H2Client h2Client() {
        if (h2 == null) {
            h2 = H2Client.connect(balancerPort());
            resources.push(h2);
        }
        return h2;
    }

    /** Whether the balancer closed the scenario's HTTP/2 connection, waiting up to 5 s for it. */
    boolean h2ClientClosed() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (h2 != null && h2.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(10); // the bench's own thread; GOAWAY's close comes once the streams finished
        }
        return h2 != null && !h2.isOpen();
    }

    /** The certificate the listener served to {@link #tlsClient}. */
    public X509Certificate servedCertificate() {
        return served;
    }

    /** Another client connection. */
    public RawHttpClient newClient() {
        RawHttpClient c = RawHttpClient.connect(balancerPort());
        resources.push(c);
        return c;
    }

    /** The record of the next exchange that ended, waiting up to 5 s. */
    ExchangeRecord nextRecord() throws InterruptedException {
        return log.next(5);
    }

    @Override
    public void close() {
        stalls.release(); // stalled targets may go: their scenario has been judged
        if (fulcrum != null) {
            fulcrum.close();
        }
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                // the bench is going away
            }
        }
    }
}
