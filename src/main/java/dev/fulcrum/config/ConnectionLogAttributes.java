package dev.fulcrum.config;

/**
 * The load balancer's {@code connection_logs.*} attributes: ALB's connection log, one line per TLS connection of an
 * HTTPS listener (client, protocol, cipher, handshake time, client certificate, verify status). Files follow the
 * access log's interval and compression, named as ALB names them ({@code conn_log.} first).
 *
 * @param enabled {@code connection_logs.enabled} (default false, as ALB's {@code connection_logs.s3.enabled})
 * @param path {@code connection_logs.path}: a folder, or {@code -} for standard output (the default)
 */
public record ConnectionLogAttributes(boolean enabled, String path) {

    public static ConnectionLogAttributes defaults() {
        return new ConnectionLogAttributes(false, AccessLogAttributes.STDOUT);
    }

    public boolean toStdout() {
        return AccessLogAttributes.STDOUT.equals(path);
    }
}
