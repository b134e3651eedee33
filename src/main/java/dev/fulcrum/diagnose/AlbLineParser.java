package dev.fulcrum.diagnose;

/**
 * ALB's access-log line. Fields are read by position, as AWS documents them; lines of older ALBs that stop early
 * (before {@code error_reason}, say) leave the missing fields absent, and fields AWS appends at the end are
 * ignored. Returns why a line cannot be read instead of throwing.
 */
final class AlbLineParser implements LineParser {

    private static final int TYPE = 0;
    private static final int TIME = 1;
    private static final int TARGET = 4;
    private static final int REQUEST_TIME = 5;
    private static final int TARGET_TIME = 6;
    private static final int RESPONSE_TIME = 7;
    private static final int ELB_STATUS = 8;
    private static final int TARGET_STATUS = 9;
    private static final int RECEIVED = 10;
    private static final int REQUEST = 12;
    private static final int TARGET_GROUP = 16;
    private static final int RULE_PRIORITY = 20;
    private static final int CREATED = 21;
    private static final int ACTIONS = 22;
    private static final int ERROR_REASON = 24;
    private static final int CLASSIFICATION = 27;
    private static final int CLASSIFICATION_REASON = 28;
    /**
     * How many fields ALB's lines have had: 18 at launch (through trace_id), 20 with SNI, 24 and 25 with rules and
     * error_reason, 27 with the target lists, 29 with desync classification, 30 with conn_trace_id; AWS only ever
     * appends, so 30 and more is today's. Any other count is a line cut short.
     */
    private static final java.util.Set<Integer> PAST_FIELD_COUNTS = java.util.Set.of(18, 20, 24, 25, 27, 29);
    private static final int CURRENT_FIELDS = 30;

    private final Tokens t = new Tokens();
    private final RequestField request = new RequestField();
    private String lastArn;
    private String lastGroup;

    @Override
    public String parse(String line, LogEntry e) {
        if (!t.split(line)) {
            return "a quoted field does not end (truncated line?)";
        }
        if (t.count() < CURRENT_FIELDS && !PAST_FIELD_COUNTS.contains(t.count())) {
            return t.count() + " fields (expected: 30 or more, or as many as an older ALB wrote): a line cut short?";
        }
        e.clear();
        e.format = LineFormat.ALB;
        e.timeMicros = Fields.isoMicros(line, t.start(TIME), t.end(TIME));
        if (e.timeMicros == Fields.INVALID) {
            return "time is not an ISO 8601 time";
        }
        long elb = Fields.number(line, t.start(ELB_STATUS), t.end(ELB_STATUS), Fields.INVALID);
        long target = Fields.number(line, t.start(TARGET_STATUS), t.end(TARGET_STATUS), LogEntry.NONE);
        if (elb < 0 || elb > 999 || target < -1 || target > 999) {
            return "elb_status_code or target_status_code is not a status";
        }
        e.elbStatus = (int) elb;
        e.targetStatus = (int) target;
        e.requestMicros = Fields.secondsMicros(line, t.start(REQUEST_TIME), t.end(REQUEST_TIME));
        e.targetMicros = Fields.secondsMicros(line, t.start(TARGET_TIME), t.end(TARGET_TIME));
        e.responseMicros = Fields.secondsMicros(line, t.start(RESPONSE_TIME), t.end(RESPONSE_TIME));
        if (e.requestMicros == Fields.INVALID || e.targetMicros == Fields.INVALID
                || e.responseMicros == Fields.INVALID) {
            return "a processing time is not a number of seconds";
        }
        e.receivedBytes = Math.max(0, Fields.number(line, t.start(RECEIVED), t.end(RECEIVED), 0));
        e.target = Fields.text(line, t.start(TARGET), t.end(TARGET));
        request.read(line, t.start(REQUEST), t.end(REQUEST), e);
        if (t.count() > TARGET_GROUP) {
            e.targetGroup = group(line);
        }
        if (t.count() > CREATED) {
            long created = Fields.isoMicros(line, t.start(CREATED), t.end(CREATED));
            e.createdMicros = created == Fields.INVALID ? LogEntry.UNKNOWN_TIME : created;
            long priority = Fields.number(line, t.start(RULE_PRIORITY), t.end(RULE_PRIORITY), LogEntry.NONE);
            e.matchedRulePriority = priority == Fields.INVALID ? LogEntry.NONE : (int) priority;
        }
        if (t.count() > ACTIONS) {
            e.fixedResponse = t.contains(line, ACTIONS, "fixed-response");
            e.redirect = t.contains(line, ACTIONS, "redirect");
        }
        if (t.count() > ERROR_REASON) {
            e.errorReason = Fields.text(line, t.start(ERROR_REASON), t.end(ERROR_REASON));
        }
        if (t.count() > CLASSIFICATION_REASON) {
            e.classification = Fields.text(line, t.start(CLASSIFICATION), t.end(CLASSIFICATION));
            e.classificationReason = Fields.text(line, t.start(CLASSIFICATION_REASON), t.end(CLASSIFICATION_REASON));
        }
        return t.is(line, TYPE, "-") ? "type is -" : null;
    }

    /** Consecutive lines mostly name the same group: its name is copied out once. */
    private String group(String line) {
        int from = t.start(TARGET_GROUP);
        int to = t.end(TARGET_GROUP);
        if (lastArn != null && lastArn.length() == to - from && line.regionMatches(from, lastArn, 0, to - from)) {
            return lastGroup;
        }
        lastArn = Fields.text(line, from, to);
        lastGroup = Fields.groupName(lastArn);
        return lastGroup;
    }
}
