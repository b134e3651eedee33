package dev.fulcrum.observability;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.Phase;
import dev.fulcrum.core.TlsSession;
import dev.fulcrum.desync.Classification;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;

/**
 * What happened to one request, written once when the exchange ends: everything an ALB access-log line holds,
 * in typed form. Durations are nanoseconds, {@link #NOT_REACHED} when the phase was never reached (ALB's -1).
 *
 * @param type {@code http} or {@code https}, or {@code ws} or {@code wss} for a WebSocket connection (logged when
 *     it closes)
 * @param time when the load balancer generated (started) the response, or when a WebSocket closed
 * @param client the client's address
 * @param target {@code ip:port} of the target that handled it, {@code null} when none was reached
 * @param elbStatus status sent to the client; for a client that went away (460) the status logged
 * @param targetStatus the target's status, {@link #NO_STATUS} when the target sent none
 * @param method the request method, {@code null} when the request could not be parsed
 * @param host the host used for the request URL ({@code Host} header, or the listener address)
 * @param listenerPort the port the client connected to
 * @param uri the request target as the client sent it
 * @param protocol e.g. {@code HTTP/1.1}
 * @param targetGroupArn {@code null} when no target group was chosen
 * @param traceId the X-Amzn-Trace-Id sent to the target (or generated), {@code null} if none
 * @param matchedRulePriority 1..50000, 0 for the default actions, {@link #NO_RULE} when routing did not happen
 * @param actionsExecuted e.g. {@code [forward]}; empty when no action ran
 * @param redirectUrl the Location of a redirect action, else {@code null}
 * @param error the balancer-generated outcome, {@code null} when the response came from the target
 * @param connTraceId the client connection's trace id, {@code TID_} + 32 hex
 * @param requestBodyBytes request body bytes read from the client (the Classic Load Balancer's received_bytes),
 *     {@link #NOT_COUNTED} when unknown
 * @param responseBodyBytes response body bytes sent to the client (CLB's sent_bytes), {@link #NOT_COUNTED} when
 *     unknown
 * @param unhealthyRouting whether the target was picked while its group was in routing failover (counted in
 *     UnhealthyRoutingRequestCount)
 * @param errorPhase the phase {@code error} really struck in (a 460 while connecting or while awaiting the
 *     response, a 502 before or after the response began); {@code null} when there is no error
 * @param headerFieldsDropped request header fields {@code routing.http.drop_invalid_header_fields.enabled} removed
 * @param classification the desync classifier's verdict on the request head (the log's classification fields)
 * @param tls what the client's TLS handshake settled, {@code null} for a connection without TLS
 */
public record ExchangeRecord(
        String type,
        Instant time,
        InetSocketAddress client,
        String target,
        long requestProcessingNanos,
        long targetProcessingNanos,
        long responseProcessingNanos,
        int elbStatus,
        int targetStatus,
        long receivedBytes,
        long sentBytes,
        String method,
        String host,
        int listenerPort,
        String uri,
        String protocol,
        String userAgent,
        String targetGroupArn,
        String traceId,
        int matchedRulePriority,
        Instant requestCreationTime,
        List<String> actionsExecuted,
        String redirectUrl,
        LbError error,
        String connTraceId,
        long requestBodyBytes,
        long responseBodyBytes,
        boolean unhealthyRouting,
        Phase errorPhase,
        int headerFieldsDropped,
        Classification classification,
        TlsSession tls) {

    public static final long NOT_REACHED = -1;
    public static final int NO_STATUS = -1;
    public static final int NO_RULE = -2;
    public static final long NOT_COUNTED = -1;

    public ExchangeRecord {
        actionsExecuted = List.copyOf(actionsExecuted);
    }

    /**
     * A record without body byte counts (the CLB format then writes the bytes on the wire), its target picked
     * outside routing failover, its error (if any) in the phase the catalog names for it.
     */
    public ExchangeRecord(String type, Instant time, InetSocketAddress client, String target,
            long requestProcessingNanos, long targetProcessingNanos, long responseProcessingNanos, int elbStatus,
            int targetStatus, long receivedBytes, long sentBytes, String method, String host, int listenerPort,
            String uri, String protocol, String userAgent, String targetGroupArn, String traceId,
            int matchedRulePriority, Instant requestCreationTime, List<String> actionsExecuted, String redirectUrl,
            LbError error, String connTraceId) {
        this(type, time, client, target, requestProcessingNanos, targetProcessingNanos, responseProcessingNanos,
                elbStatus, targetStatus, receivedBytes, sentBytes, method, host, listenerPort, uri, protocol,
                userAgent, targetGroupArn, traceId, matchedRulePriority, requestCreationTime, actionsExecuted,
                redirectUrl, error, connTraceId, NOT_COUNTED, NOT_COUNTED, false, error == null ? null : error.phase(),
                0, Classification.COMPLIANT, null);
    }

    /** The error_reason code, or {@code null}. */
    public String errorReason() {
        return error == null ? null : error.errorReason();
    }
}
