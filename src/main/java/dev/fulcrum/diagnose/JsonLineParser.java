package dev.fulcrum.diagnose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Fulcrum's JSON line: ALB's fields under ALB's names, numbers as numbers and absent values as {@code "-"}.
 * Fields it does not know are skipped and missing ones stay absent, so lines from newer writers (an
 * {@code error_phase}, say) and older ones both read.
 */
final class JsonLineParser implements LineParser {

    private static final JsonFactory JSON = new JsonFactory();

    private final RequestField request = new RequestField();

    @Override
    public String parse(String line, LogEntry e) {
        e.clear();
        e.format = LineFormat.JSON;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "not a JSON object";
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                String problem = field(name, p, e);
                if (problem != null) {
                    return problem;
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                return "the JSON object does not end";
            }
        } catch (IOException ex) {
            return "not valid JSON (" + firstLine(ex.getMessage()) + ")";
        }
        if (e.timeMicros == LogEntry.UNKNOWN_TIME || e.elbStatus == LogEntry.NONE) {
            return "no time or elb_status_code";
        }
        if (e.elbStatus > 999 || e.targetStatus > 999) {
            return "elb_status_code or target_status_code is not a status";
        }
        return null;
    }

    private String field(String name, JsonParser p, LogEntry e) throws IOException {
        switch (name) {
            case "time" -> {
                e.timeMicros = time(p.getValueAsString());
                if (e.timeMicros == Fields.INVALID) {
                    return "time is not an ISO 8601 time";
                }
            }
            case "request_creation_time" -> {
                long created = time(p.getValueAsString());
                e.createdMicros = created == Fields.INVALID ? LogEntry.UNKNOWN_TIME : created;
            }
            case "target:port" -> e.target = text(p);
            case "request_processing_time" -> e.requestMicros = seconds(p);
            case "target_processing_time" -> e.targetMicros = seconds(p);
            case "response_processing_time" -> e.responseMicros = seconds(p);
            case "elb_status_code" -> e.elbStatus = (int) Math.min(integer(p, LogEntry.NONE), 1000);
            case "target_status_code" -> e.targetStatus = (int) Math.min(integer(p, LogEntry.NONE), 1000);
            case "received_bytes" -> e.receivedBytes = Math.max(0, integer(p, 0));
            case "request" -> request.read(p.getValueAsString(), e);
            case "target_group_arn" -> e.targetGroup = Fields.groupName(text(p));
            case "matched_rule_priority" -> e.matchedRulePriority = (int) integer(p, LogEntry.NONE);
            case "actions_executed" -> {
                String actions = text(p);
                e.fixedResponse = actions != null && actions.contains("fixed-response");
                e.redirect = actions != null && actions.contains("redirect");
            }
            case "error_reason" -> e.errorReason = text(p);
            case "error_phase" -> e.errorPhase = text(p);
            case "classification" -> e.classification = text(p);
            case "classification_reason" -> e.classificationReason = text(p);
            default -> {
                // another field of ALB's, or one added later: not needed here
            }
        }
        if (e.requestMicros == Fields.INVALID || e.targetMicros == Fields.INVALID
                || e.responseMicros == Fields.INVALID) {
            return name + " is not a number of seconds";
        }
        return null;
    }

    private static long time(String value) {
        return value == null ? Fields.INVALID : Fields.isoMicros(value, 0, value.length());
    }

    private static String text(JsonParser p) throws IOException {
        String v = p.getValueAsString();
        return v == null || v.isEmpty() || v.equals("-") ? null : v;
    }

    private static long seconds(JsonParser p) throws IOException {
        if (p.currentToken().isNumeric()) {
            double v = p.getDoubleValue();
            return v < 0 ? LogEntry.NOT_REACHED : Math.round(v * 1_000_000);
        }
        String v = p.getValueAsString();
        return v == null || v.equals("-") ? LogEntry.NOT_REACHED : Fields.secondsMicros(v, 0, v.length());
    }

    private static long integer(JsonParser p, long absent) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        String v = p.getValueAsString();
        if (v == null) {
            return absent;
        }
        long n = Fields.number(v, 0, v.length(), absent);
        return n == Fields.INVALID ? absent : n;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "?";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
