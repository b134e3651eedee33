package dev.fulcrum.testing;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regular expression AWS publishes for querying ALB access logs with Athena ({@code CREATE EXTERNAL TABLE
 * alb_access_logs ... ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.RegexSerDe' WITH SERDEPROPERTIES
 * ('input.regex' = ...)}, in the Athena user guide, "Create the table for ALB access logs"), with its column names.
 * Hive's RegexSerDe requires the whole line to match, so {@link #parse} does too.
 */
public final class AlbLogRegex {

    public static final Pattern ATHENA = Pattern.compile(
            "([^ ]*) ([^ ]*) ([^ ]*) ([^ ]*):([0-9]*) ([^ ]*)[:-]([0-9]*) ([-.0-9]*) ([-.0-9]*) ([-.0-9]*) "
            + "(|[-0-9]*) (-|[-0-9]*) ([-0-9]*) ([-0-9]*) \"([^ ]*) (.*) (- |[^ ]*)\" \"([^\"]*)\" ([A-Z0-9-_]+) "
            + "([A-Za-z0-9.-]*) ([^ ]*) \"([^\"]*)\" \"([^\"]*)\" \"([^\"]*)\" ([-.0-9]*) ([^ ]*) \"([^\"]*)\" "
            + "\"([^\"]*)\" \"([^ ]*)\" \"([^\\s]+?)\" \"([^\\s]+)\" \"([^ ]*)\" \"([^ ]*)\" ?([^ ]*)?( .*)?");

    /** The table's columns, one per group of {@link #ATHENA}. */
    public static final List<String> COLUMNS = List.of("type", "time", "elb", "client_ip", "client_port",
            "target_ip", "target_port", "request_processing_time", "target_processing_time",
            "response_processing_time", "elb_status_code", "target_status_code", "received_bytes", "sent_bytes",
            "request_verb", "request_url", "request_proto", "user_agent", "ssl_cipher", "ssl_protocol",
            "target_group_arn", "trace_id", "domain_name", "chosen_cert_arn", "matched_rule_priority",
            "request_creation_time", "actions_executed", "redirect_url", "lambda_error_reason", "target_port_list",
            "target_status_code_list", "classification", "classification_reason", "conn_trace_id", "rest");

    private AlbLogRegex() {
    }

    /** The columns of {@code line}, by name; throws {@link AssertionError} when Athena would not read it. */
    public static java.util.Map<String, String> parse(String line) {
        Matcher m = ATHENA.matcher(line);
        if (!m.matches()) {
            throw new AssertionError("Athena's ALB regex does not match the access-log line:\n" + line);
        }
        java.util.Map<String, String> columns = new java.util.LinkedHashMap<>();
        for (int i = 0; i < COLUMNS.size(); i++) {
            columns.put(COLUMNS.get(i), m.group(i + 1));
        }
        return columns;
    }
}
