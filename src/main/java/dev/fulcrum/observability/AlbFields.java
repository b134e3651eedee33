package dev.fulcrum.observability;

import dev.fulcrum.core.TlsSession;
import java.util.List;

/**
 * The fields of an ALB access-log entry, in ALB's order, with ALB's names and its spelling of absent values. Both
 * the {@code alb} line and the {@code json} object are written from here, so they cannot disagree.
 */
final class AlbFields {

    /** ALB's field names, in order. */
    static final List<String> NAMES = List.of("type", "time", "elb", "client:port", "target:port",
            "request_processing_time", "target_processing_time", "response_processing_time", "elb_status_code",
            "target_status_code", "received_bytes", "sent_bytes", "request", "user_agent", "ssl_cipher",
            "ssl_protocol", "target_group_arn", "trace_id", "domain_name", "chosen_cert_arn", "matched_rule_priority",
            "request_creation_time", "actions_executed", "redirect_url", "error_reason", "target:port_list",
            "target_status_code_list", "classification", "classification_reason", "conn_trace_id");
    /** The fields ALB writes in double quotes. */
    private static final boolean[] QUOTED = new boolean[NAMES.size()];
    /** The fields that are numbers when present (for JSON). */
    private static final boolean[] NUMERIC = new boolean[NAMES.size()];

    static {
        for (String q : List.of("request", "user_agent", "trace_id", "domain_name", "chosen_cert_arn",
                "actions_executed", "redirect_url", "error_reason", "target:port_list", "target_status_code_list",
                "classification", "classification_reason")) {
            QUOTED[NAMES.indexOf(q)] = true;
        }
        for (String n : List.of("request_processing_time", "target_processing_time", "response_processing_time",
                "elb_status_code", "target_status_code", "received_bytes", "sent_bytes", "matched_rule_priority")) {
            NUMERIC[NAMES.indexOf(n)] = true;
        }
    }

    private AlbFields() {
    }

    static boolean quoted(int i) {
        return QUOTED[i];
    }

    static boolean numeric(int i) {
        return NUMERIC[i];
    }

    /** The values of {@code r}, unquoted, in {@link #NAMES} order. */
    static String[] values(ExchangeRecord r, String elb) {
        String target = LogFields.orAbsent(r.target());
        String targetStatus = LogFields.status(r.targetStatus());
        TlsSession tls = r.tls();
        return new String[] {
            r.type(),
            LogFields.time(r.time()),
            elb,
            LogFields.address(r.client()),
            target,
            LogFields.secondsMillis(r.requestProcessingNanos()),
            LogFields.secondsMillis(r.targetProcessingNanos()),
            LogFields.secondsMillis(r.responseProcessingNanos()),
            LogFields.status(r.elbStatus()),
            targetStatus,
            Long.toString(r.receivedBytes()),
            Long.toString(r.sentBytes()),
            LogFields.quotable(LogFields.request(r, LogFields.scheme(r.type()))),
            LogFields.quotable(r.userAgent()),
            tls == null ? LogFields.ABSENT : tls.cipher(),
            tls == null ? LogFields.ABSENT : tls.protocol(),
            LogFields.orAbsent(r.targetGroupArn()),
            LogFields.quotable(r.traceId()),
            tls == null ? LogFields.ABSENT : LogFields.quotable(tls.serverName()),
            tls == null ? LogFields.ABSENT : tls.chosenCertificate(),
            r.matchedRulePriority() == ExchangeRecord.NO_RULE ? LogFields.ABSENT
                    : Integer.toString(r.matchedRulePriority()),
            LogFields.time(r.requestCreationTime()),
            r.actionsExecuted().isEmpty() ? LogFields.ABSENT : LogFields.quotable(String.join(",", r.actionsExecuted())),
            LogFields.quotable(r.redirectUrl()),
            LogFields.quotable(r.errorReason()),
            target, // target:port_list: one target per request
            targetStatus,
            r.classification().tier().logValue(), // "-" when Compliant
            r.classification().isCompliant() ? LogFields.ABSENT : r.classification().reason().code(),
            LogFields.orAbsent(r.connTraceId()),
        };
    }
}
