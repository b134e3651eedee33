package dev.fulcrum.observability;

import dev.fulcrum.config.AccessLogAttributes;
import dev.fulcrum.config.ConnectionLogAttributes;
import dev.fulcrum.core.ResourceIds;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * ALB's connection log: one line per TLS connection of an HTTPS listener ({@link TlsConnectionRecord#line}), written
 * as the access log is, off the event loops, to standard output or in ALB's layout under a folder, its files named
 * {@code conn_log.<account>_elasticloadbalancing_<region>_app.<name>.<id>_<end>_<ip>_<random>.log.gz}.
 */
public final class ConnectionLogWriter implements ExchangeLog, AutoCloseable {

    private final LineWriter<TlsConnectionRecord> lines;

    private ConnectionLogWriter(LogSink sink, Clock clock) {
        this.lines = new LineWriter<>("Connection log", TlsConnectionRecord::line, TlsConnectionRecord::time, sink,
                clock, AccessLogWriter.DEFAULT_CAPACITY, "fulcrum-connection-log");
    }

    /**
     * @param accessLogs their interval and compression apply to connection-log files too
     * @param stdout where {@code connection_logs.path: -} writes
     */
    public static ConnectionLogWriter start(ConnectionLogAttributes attributes, AccessLogAttributes accessLogs,
            String loadBalancerName, String nodeIp, Clock clock, RandomGenerator random, OutputStream stdout) {
        if (!attributes.toStdout()) {
            AccessLogWriter.checkFolder(Path.of(attributes.path()), "connection_logs.path");
        }
        LogSink sink = attributes.toStdout() ? new StreamSink(stdout, false)
                : new RotatingFileSink(Path.of(attributes.path()), "conn_log.", ResourceIds.ACCOUNT,
                        ResourceIds.REGION, ResourceIds.loadBalancerId(loadBalancerName), nodeIp,
                        Duration.ofMinutes(accessLogs.intervalMinutes()), accessLogs.compress(), random);
        return new ConnectionLogWriter(sink, clock);
    }

    @Override
    public void record(ExchangeRecord record) {
        // requests are the access log's
    }

    @Override
    public void tlsConnection(TlsConnectionRecord record) {
        lines.offer(record);
    }

    public long droppedLines() {
        return lines.droppedLines();
    }

    @Override
    public void close() {
        lines.close();
    }
}
