package dev.fulcrum.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.LbError;
import dev.fulcrum.desync.Reason;
import dev.fulcrum.core.ResourceIds;
import dev.fulcrum.testing.AlbLogRegex;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every column of the ALB line of a balancer-generated outcome must be, by how far the request got: read only
 * (no routing), routed without a target, or dispatched to a target. Values that vary from run to run (times,
 * ports, ids) are checked by pattern, everything else exactly.
 */
final class AlbLineShape {

    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z";
    private static final String SECONDS = "\\d+\\.\\d{3}";
    private static final String TG_ARN = "arn:aws:elasticloadbalancing:local:000000000000:targetgroup/[a-z0-9-]+/[0-9a-f]{16}";
    private static final String PORT = "\\d{1,5}";

    private AlbLineShape() {
    }

    /** How far a request with this outcome got before the balancer answered. */
    private enum Reach { READ, ROUTED, REDIRECTED, DISPATCHED }

    /**
     * Bodies stream: a request whose head was complete is dispatched at once, so one whose body is then cut short
     * (or stalls) was already dispatched; one that never sent a whole head was not.
     */
    private static Reach reach(LbError e, boolean headReceived, String method) {
        if (e == null) {
            return Reach.DISPATCHED; // the target answered
        }
        return switch (e) {
            case REQUEST_BODY_INCOMPLETE, CLIENT_IDLE_TIMEOUT -> headReceived ? Reach.DISPATCHED : Reach.READ;
            // A body that turns out malformed (a bad chunk) comes after its head was dispatched.
            case REQUEST_MALFORMED -> "POST".equals(method) ? Reach.DISPATCHED : Reach.READ;
            case REQUEST_HEADER_TOO_LARGE, REQUEST_HEADERS_TOO_LARGE,
                    INVALID_CONTENT_LENGTH, CONNECT_NOT_SUPPORTED, TRACE_NOT_ALLOWED,
                    REQUEST_BODY_TOO_LARGE, REQUEST_LINE_TOO_LONG, XFF_TOO_MANY_ADDRESSES, INTERNAL_ERROR,
                    UNSUPPORTED_TRANSFER_ENCODING, HTTP_VERSION_NOT_SUPPORTED, QPS_LIMITED, INVALID_HOST_HEADER,
                    REQUEST_HEADER_TIMEOUT, DESYNC_MITIGATION_BLOCKED, PLAIN_HTTP_ON_HTTPS_PORT, HTTP2_REQUEST_LIMIT,
                    HTTP2_HEADER_BLOCK_TOO_LARGE -> Reach.READ;
            case PROTOCOL_VERSION_MISMATCH, NO_REGISTERED_TARGETS, NO_TARGET_WITH_WEIGHT -> Reach.ROUTED;
            case REDIRECT_URL_TOO_LONG -> Reach.REDIRECTED;
            case CLIENT_CLOSED, TARGET_CONNECTION_REFUSED, TARGET_CONNECTION_ERROR, TARGET_CLOSED_CONNECTION,
                    TARGET_RESPONSE_MALFORMED, TARGET_RESPONSE_HEADERS_TOO_LARGE, TARGET_DEREGISTERED,
                    TARGET_CONNECT_TIMEOUT, TARGET_IDLE_TIMEOUT, TARGET_RESPONSE_INCOMPLETE, TARGET_TLS_NEGOTIATION_ERROR,
                    TARGET_TLS_HANDSHAKE_TIMEOUT -> Reach.DISPATCHED;
        };
    }

    private static final java.util.Set<String> TLS_CLIENTS = java.util.Set.of("200-certificate-name-mismatch",
            "000-http2-request-limit", "000-http2-header-over-8k");

    /** Asserts every column of {@code line}, the ALB line of a scenario that ended in {@code e}. */
    static void check(String line, Scenario scenario, int listenerPort) {
        LbError e = scenario.error();
        Map<String, String> c = AlbLogRegex.parse(line);
        Reach reach = reach(e, !"-".equals(c.get("request_verb")), c.get("request_verb"));
        boolean dispatched = reach == Reach.DISPATCHED;
        boolean routed = reach != Reach.READ;
        // The balancer made the response in every scenario with an error: then the target's status and timings are
        // never logged. Without one, the target answered.
        boolean targetAnswered = e == null;
        String targetStatus = targetAnswered ? "200" : "-";
        String targetIp = (e == LbError.TARGET_CONNECTION_ERROR ? LabBench.UNREACHABLE_ADDRESS : "127.0.0.1")
                .replace(".", "\\.");
        // The scenarios whose client speaks TLS log its fields (plain HTTP to the HTTPS port does not).
        boolean tls = TLS_CLIENTS.contains(scenario.name());
        Map<String, String> expected = new LinkedHashMap<>();
        boolean h2 = e == LbError.HTTP2_REQUEST_LIMIT || e == LbError.HTTP2_HEADER_BLOCK_TOO_LARGE;
        expected.put("type", h2 ? "h2" : tls ? "https" : "http");
        expected.put("time", TIME);
        expected.put("elb", "app/lab/[0-9a-f]{16}");
        expected.put("client_ip", "127\\.0\\.0\\.1");
        expected.put("client_port", PORT);
        expected.put("target_ip", dispatched ? targetIp : "");
        expected.put("target_port", dispatched ? PORT : "");
        expected.put("request_processing_time", e == LbError.CLIENT_CLOSED || targetAnswered ? SECONDS : "-1");
        expected.put("target_processing_time", targetAnswered ? SECONDS : "-1");
        expected.put("response_processing_time", targetAnswered ? SECONDS : "-1");
        expected.put("elb_status_code", scenario.status() == 0 ? "000" : Integer.toString(scenario.status()));
        expected.put("target_status_code", targetStatus);
        expected.put("received_bytes", "\\d+");
        boolean clientLeft = e == LbError.CLIENT_CLOSED || e == LbError.REQUEST_BODY_INCOMPLETE || h2;
        expected.put("sent_bytes", clientLeft ? "0" : "[1-9]\\d*");
        String url = (h2 ? "https://lab\\.example:" : tls ? "https://www\\.example\\.com:" : "http://lab\\.example:")
                + listenerPort + "/\\S*";
        expected.put("request_verb", dispatched ? "(GET|POST)" : routed ? "GET" : "(-|[A-Z]+)");
        String hostless = "http://-:" + listenerPort + "/\\S*"; // no Host header: no host to log
        // Unrouted: a URL, one without host, or a target logged as sent (CONNECT's host:443, *, !).
        expected.put("request_url", routed ? url : "(-|" + url + "|" + hostless + "|\\S+)");
        expected.put("request_proto", h2 ? "HTTP/2\\.0" : routed ? "HTTP/1\\.1" : "(-|HTTP/\\d\\.\\d)");
        expected.put("user_agent", "-");
        expected.put("ssl_cipher", tls ? "TLS_\\S+" : "-");
        expected.put("ssl_protocol", tls ? "TLSv1\\.3" : "-");
        expected.put("target_group_arn", reach == Reach.ROUTED || dispatched ? TG_ARN : "-");
        expected.put("trace_id", dispatched ? "Root=1-[0-9a-f]{8}-[0-9a-f]{24}" : "-");
        expected.put("domain_name", "-"); // no SNI match: the default certificate, as ALB logs it
        expected.put("chosen_cert_arn", tls ? "arn:aws:acm:local:000000000000:certificate/[0-9a-f-]{36}" : "-");
        expected.put("matched_rule_priority", routed ? "\\d+" : "-");
        expected.put("request_creation_time", TIME);
        expected.put("actions_executed", reach == Reach.REDIRECTED ? "redirect" : routed ? "forward" : "-");
        expected.put("redirect_url", "-");
        expected.put("lambda_error_reason", e == null ? "-" : e.errorReason()); // Athena's old name for error_reason
        expected.put("target_port_list", dispatched ? targetIp + ":" + PORT : "-");
        expected.put("target_status_code_list", targetStatus);
        Reason reason = scenario.classification();
        expected.put("classification", reason == null ? "(-|Acceptable|Ambiguous|Severe)" : reason.tier().logValue());
        expected.put("classification_reason", reason == null ? "(-|[A-Za-z]+)" : reason.code());
        expected.put("conn_trace_id", "TID_[0-9a-f]{32}");
        expected.put("rest", null);
        expected.forEach((column, pattern) -> {
            if (pattern == null) {
                assertThat(c.get(column)).as(column + " in " + line).isNull();
            } else {
                assertThat(c.get(column)).as(column + " in " + line).matches(pattern);
            }
        });
        assertThat(line).as("elb").contains(" " + ResourceIds.loadBalancerId("lab") + " ");
    }
}
