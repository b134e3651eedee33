package dev.fulcrum.observability;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.fulcrum.core.Phase;
import dev.fulcrum.core.ResourceIds;

/**
 * ALB's access-log entry: 30 space-separated fields in ALB's order, text fields in double quotes, {@code -} for an
 * absent value and {@code -1} for a phase not reached. Example:
 * <pre>
 * http 2018-07-02T22:23:00.186641Z app/my-lb/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000
 * 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:...:targetgroup/my-targets/73e2...
 * "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" "10.0.0.1:80"
 * "200" "-" "-" TID_dc57cebed65b444ebc8177bb698fe166
 * </pre>
 * In JSON, the same fields make one object under ALB's field names, in ALB's order. Values are exactly the line's
 * (without its quotes): numeric fields are JSON numbers when present, and an absent value stays {@code "-"}, so a
 * filter written for one format reads the same in the other. JSON adds Fulcrum's {@code error_phase} last: the
 * phase the error struck in ({@code READING_REQUEST}, {@code ROUTING}, {@code CONNECTING},
 * {@code AWAITING_RESPONSE}, {@code STREAMING_RESPONSE}), {@code "-"} without an error.
 */
final class AlbFormat implements AccessLogFormat {

    private static final char[][] KEYS = AlbFields.NAMES.stream()
            .map(n -> ("\"" + n + "\":").toCharArray()).toArray(char[][]::new);

    private final String elb;
    private final boolean json;

    AlbFormat(String loadBalancerName, boolean json) {
        this.elb = ResourceIds.loadBalancerId(loadBalancerName);
        this.json = json;
    }

    @Override
    public String format(ExchangeRecord record) {
        String[] values = AlbFields.values(record, elb);
        return json ? json(values, record.errorPhase()) : line(values);
    }

    private static String line(String[] values) {
        StringBuilder b = new StringBuilder(512);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(' ');
            }
            if (AlbFields.quoted(i)) {
                b.append('"').append(values[i]).append('"');
            } else {
                b.append(values[i]);
            }
        }
        return b.toString();
    }

    private static String json(String[] values, Phase errorPhase) {
        StringBuilder b = new StringBuilder(768).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(KEYS[i]);
            String v = values[i];
            if (AlbFields.numeric(i) && !LogFields.ABSENT.equals(v)) {
                b.append(v.equals("000") ? "0" : v); // JSON numbers have no leading zeros
            } else {
                b.append('"');
                JsonStringEncoder.getInstance().quoteAsString(v, b);
                b.append('"');
            }
        }
        b.append(",\"error_phase\":\"").append(errorPhase == null ? LogFields.ABSENT : errorPhase.name());
        return b.append("\"}").toString();
    }
}
