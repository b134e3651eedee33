package dev.fulcrum.core;

import java.util.List;
import java.util.Optional;

/**
 * Everything the load balancer answers on its own, and why.
 *
 * <p>This is the one catalog of balancer-generated outcomes: responses, access logs, metrics and
 * {@code fulcrum diagnose} all read it, and nothing else invents a status code. Each entry carries the status,
 * the {@code error_reason} written to the access log, the phase it happens in, whether the client connection can
 * be kept afterwards, a one-line cause and the remedies an operator should try (the troubleshooting guides'
 * advice, in our words).
 */
public enum LbError {

    HTTP2_REQUEST_LIMIT(0, "Http2ConnectionRequestLimit", Phase.READING_REQUEST, Connection.CLOSE,
            "The HTTP/2 connection had served 10,000 requests: the load balancer sent GOAWAY and closes the connection"
                    + " (TCP FIN) once its streams finish; this stream was not served, logged with response code 000,"
                    + " and the client retries it on a new connection.",
            "Nothing to fix on the server: HTTP/2 clients retry a stream GOAWAY did not cover on a new connection"
                    + " (RFC 9113 section 6.8).",
            "A client that reports these as errors should retry refused streams, as browsers do."),
    HTTP2_HEADER_BLOCK_TOO_LARGE(0, "Http2HeaderBlockTooLarge", Phase.READING_REQUEST, Connection.CLOSE,
            "An HTTP/2 request's headers were over 8 KiB compressed: the load balancer sent GOAWAY and closes the"
                    + " connection (TCP FIN); this stream was not served, logged with response code 000.",
            "Send smaller headers: large cookies and tokens are the usual cause (HPACK cannot shrink random values).",
            "Move large data into the request body, or keep it server-side behind a short session id."),
    REQUEST_MALFORMED(400, "RequestMalformed", Phase.READING_REQUEST, Connection.CLOSE,
            "The client sent a request line or header that is not valid HTTP/1.x.",
            "Capture the request on the client and compare it with a valid one (curl -v).",
            "Look for a proxy or library between the client and the load balancer that rewrites requests."),
    REQUEST_HEADER_TOO_LARGE(400, "RequestHeaderTooLarge", Phase.READING_REQUEST, Connection.CLOSE,
            "A single request header is longer than 16 KiB.",
            "Shorten the header; large cookies are the usual cause.",
            "Move large data into the request body."),
    REQUEST_HEADERS_TOO_LARGE(400, "RequestHeadersTooLarge", Phase.READING_REQUEST, Connection.CLOSE,
            "The request headers together are larger than 64 KiB.",
            "Send fewer or smaller headers; clear accumulated cookies.",
            "Move large data into the request body."),
    REQUEST_BODY_INCOMPLETE(400, "RequestBodyIncomplete", Phase.READING_REQUEST, Connection.CLOSE,
            "The client closed the connection before sending the whole body its Content-Length announced.",
            "Check the client's timeouts and whether it computes Content-Length correctly.",
            "Capture packets on the client to see why it disconnected."),
    INVALID_CONTENT_LENGTH(400, "InvalidContentLength", Phase.READING_REQUEST, Connection.CLOSE,
            "The request's Content-Length is not a single non-negative integer.",
            "Fix the client so it sends exactly one valid Content-Length, or uses chunked encoding."),
    DESYNC_MITIGATION_BLOCKED(400, "DesyncMitigationBlocked", Phase.READING_REQUEST, Connection.CLOSE,
            "The request head is classified (the log's classification and classification_reason fields say how) in a"
                    + " tier that routing.http.desync_mitigation_mode blocks: a server behind the load balancer could"
                    + " read where it ends otherwise (HTTP request smuggling).",
            "Fix the client so it sends one Content-Length or chunked encoding, well-formed headers and URI.",
            "If the requests are legitimate and the targets read them safely, choose a milder mode (defensive"
                    + " blocks only Severe requests; monitor blocks none)."),
    PLAIN_HTTP_ON_HTTPS_PORT(400, "PlainHttpOnHttpsPort", Phase.READING_REQUEST, Connection.CLOSE,
            "The client sent plain HTTP to an HTTPS listener (\"The plain HTTP request was sent to HTTPS port\").",
            "Use https:// for this port, or send plain HTTP to the HTTP listener.",
            "Check redirect actions and links that keep the HTTPS port but change the scheme to http."),
    INVALID_HOST_HEADER(400, "InvalidHostHeader", Phase.READING_REQUEST, Connection.CLOSE,
            "An HTTP/1.1 request came without a Host header, or a request with more than one Host header or a Host"
                    + " value that is not host[:port] (RFC 9112 section 3.2).",
            "Send exactly one Host header with the name the client asked for; HTTP/1.1 requires it.",
            "Look for a proxy or library between the client and the load balancer that adds a second Host header."),
    CONNECT_NOT_SUPPORTED(400, "ConnectNotSupported", Phase.READING_REQUEST, Connection.CLOSE,
            "The client sent CONNECT; the load balancer is not a forward proxy.",
            "Send requests for the application itself; use a forward proxy for tunnels."),
    TRACE_NOT_ALLOWED(405, "TraceNotAllowed", Phase.READING_REQUEST, Connection.KEEP,
            "The client used the TRACE method, which the load balancer does not support.",
            "Use another method; TRACE is refused for security reasons."),
    CLIENT_IDLE_TIMEOUT(408, "ClientIdleTimeout", Phase.READING_REQUEST, Connection.CLOSE,
            "The client sent no data (or only part of a request) within the idle timeout.",
            "Make the client send at least one byte before each idle timeout period; TCP keep-alives do not count.",
            "Raise idle_timeout.timeout_seconds if clients are legitimately slow.",
            "Check the client's network for high round-trip times or packet loss."),
    REQUEST_HEADER_TIMEOUT(408, "RequestHeaderTimeout", Phase.READING_REQUEST, Connection.CLOSE,
            "The client did not send a whole request head (request line and headers) within"
                    + " client_header_timeout.timeout_seconds of its first byte: a very slow client, or one that"
                    + " trickles bytes to hold the connection open (slowloris).",
            "If the client is legitimate, raise client_header_timeout.timeout_seconds.",
            "If many connections end this way at once, look for a slowloris-style attack and limit its sources."),
    REQUEST_BODY_TOO_LARGE(413, "RequestBodyTooLarge", Phase.READING_REQUEST, Connection.CLOSE,
            "The request body is larger than routing.http.max_request_body_bytes.",
            "Send a smaller body, or raise routing.http.max_request_body_bytes."),
    REQUEST_LINE_TOO_LONG(414, "RequestLineTooLong", Phase.READING_REQUEST, Connection.CLOSE,
            "The request line (method, URI and version) is longer than 16 KiB.",
            "Shorten the URL or query string; send large parameters in a POST body."),
    CLIENT_CLOSED(460, "ClientClosedConnection", Phase.AWAITING_RESPONSE, Connection.CLOSE,
            "The client closed the connection while the load balancer was waiting for the target.",
            "Check whether the client's timeout is shorter than the load balancer's idle timeout.",
            "Make the target answer before the client gives up, or raise the client's timeout."),
    XFF_TOO_MANY_ADDRESSES(463, "XffTooManyAddresses", Phase.READING_REQUEST, Connection.KEEP,
            "The X-Forwarded-For header holds more than 30 addresses.",
            "Look for a forwarding loop between proxies; trim X-Forwarded-For before the load balancer."),
    PROTOCOL_VERSION_MISMATCH(464, "TargetGroupProtocolVersionMismatch", Phase.ROUTING, Connection.KEEP,
            "The request's protocol does not fit the target group's protocol version (e.g. HTTP/1.1 to a GRPC group).",
            "Route the request to a target group whose protocolVersion matches the client's protocol.",
            "Use an HTTPS listener with HTTP/2 for HTTP2 and GRPC target groups."),
    INTERNAL_ERROR(500, "InternalError", null, Connection.CLOSE,
            "An unexpected failure inside the load balancer; only this exchange failed.",
            "Report it with the access-log line and the load balancer's log around that time."),
    UNSUPPORTED_TRANSFER_ENCODING(501, "UnsupportedTransferEncoding", Phase.READING_REQUEST, Connection.CLOSE,
            "The request's Transfer-Encoding is neither chunked nor identity.",
            "Send the body with chunked or identity transfer coding; use Content-Encoding for compression."),
    TARGET_CONNECTION_REFUSED(502, "TargetConnectionRefused", Phase.CONNECTING, Connection.KEEP,
            "The target refused the connection (TCP RST): nothing listens on its port.",
            "Check that the application runs and listens on the target port.",
            "Check that firewalls allow traffic from the load balancer to the target port."),
    TARGET_CONNECTION_ERROR(502, "TargetConnectionError", Phase.CONNECTING, Connection.KEEP,
            "The connection to the target failed (host or network unreachable).",
            "Check routing and firewalls between the load balancer and the target."),
    TARGET_CLOSED_CONNECTION(502, "TargetClosedConnection", Phase.AWAITING_RESPONSE, Connection.KEEP,
            "The target closed the connection (FIN or RST) while a request to it was outstanding.",
            "Make the target's keep-alive timeout longer than the load balancer's idle timeout.",
            "Check the target's logs for crashes or restarts."),
    TARGET_RESPONSE_MALFORMED(502, "TargetResponseMalformed", Phase.AWAITING_RESPONSE, Connection.KEEP,
            "The target's response is not valid HTTP (bad status line or status code, invalid header, bad"
                    + " Content-Length, a 101 Switching Protocols nobody asked for).",
            "Run curl -v against the target directly and check the status line and headers.",
            "Make sure headers end at the first empty line and Content-Length is a single integer."),
    TARGET_RESPONSE_HEADERS_TOO_LARGE(502, "TargetResponseHeadersTooLarge", Phase.AWAITING_RESPONSE,
            Connection.KEEP,
            "The target's response headers are larger than 32 KiB.",
            "Send fewer or smaller response headers (cookies are the usual cause)."),
    TARGET_TLS_NEGOTIATION_ERROR(502, "TargetTlsNegotiationError", Phase.CONNECTING, Connection.KEEP,
            "The TLS handshake with an HTTPS target failed: no protocol version or cipher in common with the"
                    + " balancer's policy towards targets (ELBSecurityPolicy-2016-08, or TLS13-1-0-2021-06 behind a"
                    + " TLS 1.3 listener), or the target does not speak TLS on that port.",
            "Check that the target serves TLS on its port: openssl s_client -connect <target>:<port> -tls1_2.",
            "Make the target accept TLS 1.2 or 1.3 with one of the policy's ciphers; the certificate itself is not"
                    + " verified.",
            "If the target speaks plain HTTP, give its target group protocol HTTP."),
    TARGET_DEREGISTERED(502, "TargetDeregistrationDelayElapsed", Phase.STREAMING_RESPONSE, Connection.CLOSE,
            "The deregistration delay elapsed while the request was still being handled by the deregistered target.",
            "Raise deregistration_delay.timeout_seconds so long requests can complete."),
    NO_REGISTERED_TARGETS(503, "NoRegisteredTargets", Phase.ROUTING, Connection.KEEP,
            "The target group has no registered targets.",
            "Register targets in the target group, or route the rule to a group that has some."),
    NO_TARGET_WITH_WEIGHT(503, "AllTargetsWeightZero", Phase.ROUTING, Connection.KEEP,
            "Every target of the target group has weight 0.",
            "Give at least one target a weight above 0."),
    QPS_LIMITED(503, "QpsLimited", Phase.ROUTING, Connection.KEEP,
            "The request exceeded routing.http.max_requests_per_second and was throttled.",
            "Raise routing.http.max_requests_per_second, or spread the load over time.",
            "The response carries ALB-QPS-Limited: Limited; the target never saw the request."),
    TARGET_CONNECT_TIMEOUT(504, "TargetConnectTimeout", Phase.CONNECTING, Connection.KEEP,
            "No TCP connection to the target could be established within the connect timeout.",
            "Check that the target is up and not overloaded (a full accept backlog drops connections).",
            "Check firewalls: dropped SYNs look exactly like this."),
    TARGET_TLS_HANDSHAKE_TIMEOUT(504, "TargetTlsHandshakeTimeout", Phase.CONNECTING, Connection.KEEP,
            "An HTTPS target accepted the connection but did not finish the TLS handshake within the connect timeout"
                    + " (10 s, routing.http.target_connect_timeout_seconds).",
            "Check the target's load and its TLS server: a handshake takes milliseconds on a healthy host.",
            "Check that the port speaks TLS at all: a plain HTTP server waits for a request and never answers the"
                    + " ClientHello."),
    TARGET_IDLE_TIMEOUT(504, "TargetIdleTimeout", Phase.AWAITING_RESPONSE, Connection.KEEP,
            "The target accepted the request but sent no response within the idle timeout.",
            "Find out why the target is slow (CPU, memory, database, downstream calls).",
            "Raise idle_timeout.timeout_seconds if the target legitimately needs longer."),
    TARGET_RESPONSE_INCOMPLETE(504, "TargetResponseIncomplete", Phase.STREAMING_RESPONSE, Connection.KEEP,
            "The target announced a longer body (Content-Length) than it sent, then went silent.",
            "Fix the Content-Length the target computes, or let it use chunked encoding."),
    HTTP_VERSION_NOT_SUPPORTED(505, "HttpVersionNotSupported", Phase.READING_REQUEST, Connection.CLOSE,
            "The client used an HTTP version this listener does not speak (e.g. HTTP/2 on an HTTP/1 listener).",
            "Use HTTP/1.1 on HTTP listeners."),
    REDIRECT_URL_TOO_LONG(507, "RedirectUrlTooLong", Phase.ROUTING, Connection.KEEP,
            "The Location built by a redirect action is longer than 8 KiB.",
            "Shorten the redirect's host, path or query, or drop #{query} from it.");

    /** Whether the client connection may serve another request after this error. */
    public enum Connection { KEEP, CLOSE }

    private final int status;
    private final String errorReason;
    private final Phase phase;
    private final Connection connection;
    private final String cause;
    private final List<String> remedies;

    LbError(int status, String errorReason, Phase phase, Connection connection, String cause, String... remedies) {
        this.status = status;
        this.errorReason = errorReason;
        this.phase = phase;
        this.connection = connection;
        this.cause = cause;
        this.remedies = List.of(remedies);
    }

    public int status() {
        return status;
    }

    /** The code written to the access log's {@code error_reason} field. */
    public String errorReason() {
        return errorReason;
    }

    /** The phase this error typically strikes in; {@code null} when it can strike anywhere. */
    public Phase phase() {
        return phase;
    }

    /** True when the client connection must be closed after this error (the byte stream is out of sync). */
    public boolean closesConnection() {
        return connection == Connection.CLOSE;
    }

    /**
     * True when no response goes to the client: it went away (460), or the balancer answers none at all (ALB's 000,
     * an HTTP/2 stream refused); the outcome is only logged.
     */
    public boolean responseless() {
        return this == CLIENT_CLOSED || status == 0;
    }

    public String cause() {
        return cause;
    }

    public List<String> remedies() {
        return remedies;
    }

    /** The CloudWatch class metric this error counts in, e.g. {@code HTTPCode_ELB_5XX_Count}. */
    public String classMetric() {
        return classMetric(status);
    }

    /** The per-code CloudWatch metric, for the codes ALB publishes one for (500, 502, 503, 504). */
    public Optional<String> codeMetric() {
        return codeMetric(status);
    }

    /**
     * The class metric of any response the balancer makes itself with {@code status}, errors or not (redirects
     * count in {@code HTTPCode_ELB_3XX_Count}).
     */
    public static String classMetric(int status) {
        return "HTTPCode_ELB_" + (status / 100) + "XX_Count";
    }

    /** The per-code metric of a balancer-made response with {@code status}, if ALB publishes one. */
    public static Optional<String> codeMetric(int status) {
        return switch (status) {
            case 500, 502, 503, 504 -> Optional.of("HTTPCode_ELB_" + status + "_Count");
            default -> Optional.empty();
        };
    }

    /** Finds the entry for an access log's {@code error_reason}. */
    public static Optional<LbError> ofErrorReason(String errorReason) {
        for (LbError e : values()) {
            if (e.errorReason.equals(errorReason)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
