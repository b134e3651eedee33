package dev.fulcrum;

import dev.fulcrum.admin.AdminResource;
import dev.fulcrum.admin.CloudWatchMetricsResource;
import dev.fulcrum.admin.PrometheusResource;
import dev.fulcrum.config.AccessLogAttributes;
import dev.fulcrum.config.ConnectionLogAttributes;
import dev.fulcrum.config.FulcrumConfig;
import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.observability.AccessLogWriter;
import dev.fulcrum.observability.CloudWatchMetrics;
import dev.fulcrum.observability.ConnectionLogWriter;
import dev.fulcrum.observability.ExchangeLog;
import dev.fulcrum.target.TargetGroup;
import dev.fulcrum.target.TargetGroups;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * What a running load balancer reports: its metrics registry (one per balancer, never a global one), the CloudWatch
 * metrics counted into it, the access log when {@code access_logs.enabled} and the connection log when
 * {@code connection_logs.enabled}. Its {@link #log()} is what the
 * exchanges report to: the metrics, the access log and, last, the caller's log.
 */
final class Observability implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final CloudWatchMetrics metrics;
    private final AccessLogWriter accessLog;
    private final ConnectionLogWriter connectionLog;
    private final ExchangeLog log;

    /**
     * @param callerLog hears of each exchange last, once it is counted
     * @param stdout where an access log without a folder goes
     */
    Observability(FulcrumConfig config, Clock clock, long randomSeed, ExchangeLog callerLog, OutputStream stdout) {
        String name = config.loadBalancer().name();
        this.metrics = new CloudWatchMetrics(registry, name);
        AccessLogAttributes a = config.loadBalancer().accessLogs();
        this.accessLog = a.enabled() ? AccessLogWriter.start(a, name, nodeIp(config), clock,
                new SplittableRandom(randomSeed), stdout) : null;
        // The caller's log hears of an exchange last, once it is counted (and queued for the access log): whoever
        // sees the record there also sees it in the metrics. Tests and the lab wait on that log, then read metrics.
        List<ExchangeLog> logs = new ArrayList<>(List.of(metrics));
        if (accessLog != null) {
            LoggerFactory.getLogger(Fulcrum.class).info("Access log: {} lines to {}{}", a.format().key(),
                    a.toStdout() ? "standard output" : a.path(), a.toStdout() ? ""
                            : ", a new " + (a.compress() ? "gzipped " : "") + "file every " + a.intervalMinutes()
                                    + " minutes");
            logs.add(accessLog);
            metrics.accessLogDrops(accessLog::droppedLines);
        }
        ConnectionLogAttributes c = config.loadBalancer().connectionLogs();
        this.connectionLog = c.enabled() ? ConnectionLogWriter.start(c, a, name, nodeIp(config), clock,
                new SplittableRandom(randomSeed + 1), stdout) : null;
        if (connectionLog != null) {
            LoggerFactory.getLogger(Fulcrum.class).info("Connection log: one line per TLS connection to {}",
                    c.toStdout() ? "standard output" : c.path());
            logs.add(connectionLog);
        }
        logs.add(callerLog);
        this.log = ExchangeLog.of(logs);
    }

    /** The node IP of ALB's file names: the first listener's address, loopback when it listens on all. */
    private static String nodeIp(FulcrumConfig config) {
        String address = config.listeners().isEmpty() ? null : config.listeners().get(0).address();
        try {
            InetAddress a = address == null ? null : InetAddress.getByName(address); // an IP literal: no lookup
            return a == null || a.isAnyLocalAddress() ? InetAddress.getLoopbackAddress().getHostAddress()
                    : a.getHostAddress();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }

    ExchangeLog log() {
        return log;
    }

    CloudWatchMetrics metrics() {
        return metrics;
    }

    /** Publishes the host counts and routing states of these target groups (again after a new configuration). */
    void targetGroups(TargetGroups groups) {
        for (TargetGroup g : groups.all()) {
            metrics.hostCounts(g.id(), g::healthyTargetCount, g::unhealthyTargetCount, g::inFailover);
            metrics.targets(g.arn(), g.targets().stream().map(t -> t.hostPort()).toList());
        }
        metrics.retainHostCounts(groups.all().stream().map(TargetGroup::id).collect(Collectors.toSet()));
    }

    List<AdminResource> adminResources() {
        return List.of(new PrometheusResource(registry), new CloudWatchMetricsResource(metrics));
    }

    /** Writes the access log's last lines; call once no exchange can end any more. */
    @Override
    public void close() {
        if (accessLog != null) {
            accessLog.close();
        }
        if (connectionLog != null) {
            connectionLog.close();
        }
        registry.close();
    }
}
