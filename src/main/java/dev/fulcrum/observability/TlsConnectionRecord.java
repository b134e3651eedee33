package dev.fulcrum.observability;

import dev.fulcrum.core.ClientCertificate;
import java.net.InetSocketAddress;
import java.time.Instant;

/**
 * One TLS connection of an HTTPS listener, as ALB's connection log has it: written once its handshake succeeded or
 * failed.
 *
 * @param time when the handshake ended
 * @param protocol {@code TLSv1.3}, {@code null} when the handshake failed before one was agreed
 * @param cipher OpenSSL's name, {@code null} likewise
 * @param handshakeNanos from the first byte of the ClientHello to the handshake's end
 * @param leaf the client's certificate (mutual TLS), {@code null} when it sent none
 * @param verifyStatus {@code Success}, or {@code Failed:<code>} with ALB's codes ({@code ClientCertExpired},
 *     {@code ClientCertUntrusted}, ..., {@code UnmappedConnectionError})
 * @param connTraceId the connection's {@code TID_} id, the same as in its requests' access-log lines
 */
public record TlsConnectionRecord(Instant time, InetSocketAddress client, int listenerPort, String protocol,
        String cipher, long handshakeNanos, ClientCertificate leaf, String verifyStatus, String connTraceId) {

    public static final String SUCCESS = "Success";

    public boolean failed() {
        return !SUCCESS.equals(verifyStatus);
    }

    /** ALB's connection-log line: {@code time client_ip client_port listener_port tls_protocol tls_cipher ...}. */
    public String line() {
        return LogFields.time(time)
                + ' ' + client.getAddress().getHostAddress()
                + ' ' + client.getPort()
                + ' ' + listenerPort
                + ' ' + LogFields.orAbsent(protocol)
                + ' ' + LogFields.orAbsent(cipher)
                + ' ' + LogFields.secondsMillis(handshakeNanos)
                + " \"" + (leaf == null ? LogFields.ABSENT : LogFields.quotable(leaf.subject())) + '"'
                + ' ' + (leaf == null ? LogFields.ABSENT : leaf.validity())
                + ' ' + (leaf == null ? LogFields.ABSENT : leaf.serialNumber())
                + ' ' + verifyStatus
                + ' ' + LogFields.orAbsent(connTraceId);
    }
}
