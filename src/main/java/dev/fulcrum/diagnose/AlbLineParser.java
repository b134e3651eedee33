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
    /** Through {@code "request"}: what the oldest ALB lines have. */
    private static final int MINIMUM_FIELDS = 13;

    private final Tokens t = new Tokens();
    private final RequestField request = new RequestField();
    private String lastArn;
    private String lastGroup;

    @Override
    public String parse(String line, LogEntry e) {
        if (!t.split(line)) {
            return "a quoted field does not end (truncated line?)";
        }
        if (t.count() < MINIMUM_FIELDS) {
            return t.count() + " fields (expected: at least " + MINIMUM_FIELDS + ")";
        }
        e.clear();
        e.format = LineFormat.ALB;
        e.timeMicros = Fields.isoMicros(line, t.start(TIME), t.end(TIME));
        if (e.timeMicros == Fields.INVALID) {
            return "time is not an ISO 8601 time";
        }
        e.elbStatus = (int) Fields.number(line, t.start(ELB_STATUS), t.end(ELB_STATUS), Fields.INVALID);
        e.targetStatus = (int) Fields.number(line, t.start(TARGET_STATUS), t.end(TARGET_STATUS), LogEntry.NONE);
        if (e.elbStatus < 0 || e.elbStatus > 999 || e.targetStatus < -1 || e.targetStatus > 999) {
            return "elb_status_code or target_status_code is not a status";
        }
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
