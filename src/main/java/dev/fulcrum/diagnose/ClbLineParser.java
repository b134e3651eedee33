package dev.fulcrum.diagnose;

/**
 * The Classic Load Balancer's line: {@code time elb client:port backend:port request_processing_time
 * backend_processing_time response_processing_time elb_status_code backend_status_code received_bytes sent_bytes
 * "request" "user_agent" ssl_cipher ssl_protocol}. CLB's {@code time} is when the request arrived; it has no
 * target group, no error_reason and no request_creation_time.
 */
final class ClbLineParser implements LineParser {

    private static final int TIME = 0;
    private static final int BACKEND = 3;
    private static final int REQUEST_TIME = 4;
    private static final int BACKEND_TIME = 5;
    private static final int RESPONSE_TIME = 6;
    private static final int ELB_STATUS = 7;
    private static final int BACKEND_STATUS = 8;
    private static final int RECEIVED = 9;
    private static final int REQUEST = 11;
    /** Through {@code "request"}; CLB's lines have 15 fields. */
    private static final int MINIMUM_FIELDS = 12;

    private final Tokens t = new Tokens();
    private final RequestField request = new RequestField();

    @Override
    public String parse(String line, LogEntry e) {
        if (!t.split(line)) {
            return "a quoted field does not end (truncated line?)";
        }
        if (t.count() < MINIMUM_FIELDS) {
            return t.count() + " fields (expected: at least " + MINIMUM_FIELDS + ")";
        }
        e.clear();
        e.format = LineFormat.CLB;
        e.timeMicros = Fields.isoMicros(line, t.start(TIME), t.end(TIME));
        if (e.timeMicros == Fields.INVALID) {
            return "time is not an ISO 8601 time";
        }
        // A TCP listener logs "-" for both statuses: no HTTP status to diagnose, but a readable line.
        long elb = Fields.number(line, t.start(ELB_STATUS), t.end(ELB_STATUS), 0);
        long backend = Fields.number(line, t.start(BACKEND_STATUS), t.end(BACKEND_STATUS), LogEntry.NONE);
        if (elb < 0 || elb > 999 || backend < -1 || backend > 999) {
            return "elb_status_code or backend_status_code is not a status";
        }
        e.elbStatus = (int) elb;
        e.targetStatus = (int) backend;
        e.requestMicros = Fields.secondsMicros(line, t.start(REQUEST_TIME), t.end(REQUEST_TIME));
        e.targetMicros = Fields.secondsMicros(line, t.start(BACKEND_TIME), t.end(BACKEND_TIME));
        e.responseMicros = Fields.secondsMicros(line, t.start(RESPONSE_TIME), t.end(RESPONSE_TIME));
        if (e.requestMicros == Fields.INVALID || e.targetMicros == Fields.INVALID
                || e.responseMicros == Fields.INVALID) {
            return "a processing time is not a number of seconds";
        }
        e.receivedBytes = Math.max(0, Fields.number(line, t.start(RECEIVED), t.end(RECEIVED), 0));
        e.target = Fields.text(line, t.start(BACKEND), t.end(BACKEND));
        request.read(line, t.start(REQUEST), t.end(REQUEST), e);
        return null;
    }
}
