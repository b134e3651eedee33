package dev.fulcrum.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fulcrum.core.LbError;
import dev.fulcrum.core.ResourceIds;
import dev.fulcrum.testing.AlbLogRegex;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessLogFormatTest {

    private static final String ARN = ResourceIds.targetGroupArn("shop", "web");
    private static final String ELB = ResourceIds.loadBalancerId("shop");

    /** A forwarded GET answered 200 by 10.0.0.1:80: 0.4 ms to dispatch, 1.26 ms at the target, 0 ms to relay. */
    static ExchangeRecord forwarded() {
        return new ExchangeRecord("http", Instant.parse("2018-07-02T22:23:00.186641Z"),
                new InetSocketAddress("192.168.131.39", 2817), "10.0.0.1:80", 400_000, 1_260_000, 0, 200, 200, 34,
                366, "GET", "www.example.com", 80, "/?a=1", "HTTP/1.1", "curl/7.46.0", ARN,
                "Root=1-58337262-36d228ad5d99923122bbe354", 0, Instant.parse("2018-07-02T22:22:48.364Z"),
                List.of("forward"), null, null, "TID_dc57cebed65b444ebc8177bb698fe166");
    }

    /** A request line the balancer could not parse: answered 400 before routing. */
    static ExchangeRecord malformed() {
        return new ExchangeRecord("http", Instant.parse("2024-01-05T10:00:00.000001Z"),
                new InetSocketAddress("10.1.2.3", 40000), null, -1, -1, -1, 400, -1, 12, 180, null, null, 80, null,
                null, null, null, null, ExchangeRecord.NO_RULE, Instant.parse("2024-01-05T10:00:00Z"), List.of(), null,
                LbError.REQUEST_MALFORMED, "TID_00000000000000000000000000000001");
    }

    @Test
    void writesAForwardedRequestAsAlbDoesFieldByField() {
        assertThat(AccessLogFormat.alb("shop").format(forwarded())).isEqualTo("http 2018-07-02T22:23:00.186641Z "
                + ELB + " 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "
                + "\"GET http://www.example.com:80/?a=1 HTTP/1.1\" \"curl/7.46.0\" - - " + ARN
                + " \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 2018-07-02T22:22:48.364000Z"
                + " \"forward\" \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\" TID_dc57cebed65b444ebc8177bb698fe166");
    }

    @Test
    void writesAnUnparseableRequestWithDashesAndMinusOnes() {
        assertThat(AccessLogFormat.alb("shop").format(malformed())).isEqualTo("http 2024-01-05T10:00:00.000001Z "
                + ELB + " 10.1.2.3:40000 - -1 -1 -1 400 - 12 180 \"- - -\" \"-\" - - - \"-\" \"-\" \"-\" - "
                + "2024-01-05T10:00:00.000000Z \"-\" \"-\" \"RequestMalformed\" \"-\" \"-\" \"-\" \"-\" "
                + "TID_00000000000000000000000000000001");
    }

    @Test
    void athenasExpressionReadsBothLinesIntoTheRightColumns() {
        Map<String, String> ok = AlbLogRegex.parse(AccessLogFormat.alb("shop").format(forwarded()));
        assertThat(ok).containsEntry("client_ip", "192.168.131.39").containsEntry("client_port", "2817")
                .containsEntry("target_ip", "10.0.0.1").containsEntry("target_port", "80")
                .containsEntry("request_verb", "GET").containsEntry("request_url", "http://www.example.com:80/?a=1")
                .containsEntry("request_proto", "HTTP/1.1").containsEntry("target_group_arn", ARN)
                .containsEntry("matched_rule_priority", "0").containsEntry("lambda_error_reason", "-")
                .containsEntry("conn_trace_id", "TID_dc57cebed65b444ebc8177bb698fe166");
        Map<String, String> bad = AlbLogRegex.parse(AccessLogFormat.alb("shop").format(malformed()));
        assertThat(bad).containsEntry("target_ip", "").containsEntry("target_port", "")
                .containsEntry("elb_status_code", "400").containsEntry("target_status_code", "-")
                .containsEntry("request_verb", "-").containsEntry("lambda_error_reason", "RequestMalformed");
    }

    @Test
    void roundsDurationsToTheMillisecondAndKeepsMinusOneForPhasesNotReached() {
        assertThat(LogFields.secondsMillis(0)).isEqualTo("0.000");
        assertThat(LogFields.secondsMillis(499_999)).isEqualTo("0.000");
        assertThat(LogFields.secondsMillis(500_000)).isEqualTo("0.001");
        assertThat(LogFields.secondsMillis(61_234_567_890L)).isEqualTo("61.235");
        assertThat(LogFields.secondsMillis(ExchangeRecord.NOT_REACHED)).isEqualTo("-1");
        assertThat(LogFields.secondsMicros(73_000)).isEqualTo("0.000073");
        assertThat(LogFields.secondsMicros(ExchangeRecord.NOT_REACHED)).isEqualTo("-1");
    }

    @Test
    void percentEncodesQuotesAndControlCharactersInQuotedFieldsSoTheLineStaysParseable() {
        ExchangeRecord r = forwarded();
        ExchangeRecord odd = new ExchangeRecord(r.type(), r.time(), r.client(), r.target(),
                r.requestProcessingNanos(), r.targetProcessingNanos(), r.responseProcessingNanos(), r.elbStatus(),
                r.targetStatus(), r.receivedBytes(), r.sentBytes(), r.method(), "x\"y", r.listenerPort(), r.uri(),
                r.protocol(), "evil \"agent\"\t\\", r.targetGroupArn(), r.traceId(), r.matchedRulePriority(),
                r.requestCreationTime(), r.actionsExecuted(), r.redirectUrl(), r.error(), r.connTraceId());
        Map<String, String> columns = AlbLogRegex.parse(AccessLogFormat.alb("shop").format(odd));

        assertThat(columns).containsEntry("user_agent", "evil %22agent%22%09%5C")
                .containsEntry("request_url", "http://x%22y:80/?a=1");
    }

    /**
     * Request text holds one char per byte received: bytes outside printable ASCII are logged as %XX, so a raw
     * UTF-8 "é" reads %C3%A9 and a C1 control (0x85, a line end to Java's regular expressions) cannot split the
     * line. Text that is not bytes (a redirect URL from the configuration) is logged as its UTF-8 bytes.
     */
    @Test
    void percentEncodesEveryByteOutsidePrintableAsciiInQuotedFields() {
        ExchangeRecord r = forwarded();
        String rawUtf8Path = new String("/caf\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        ExchangeRecord odd = new ExchangeRecord(r.type(), r.time(), r.client(), r.target(),
                r.requestProcessingNanos(), r.targetProcessingNanos(), r.responseProcessingNanos(), r.elbStatus(),
                r.targetStatus(), r.receivedBytes(), r.sentBytes(), r.method(), "fuzz.exampl\u0085", r.listenerPort(),
                rawUtf8Path, r.protocol(), "agent\u007f\u00ff", r.targetGroupArn(), r.traceId(),
                r.matchedRulePriority(), r.requestCreationTime(), r.actionsExecuted(), "https://x.example/\u4e2d",
                r.error(), r.connTraceId());
        String line = AccessLogFormat.alb("shop").format(odd);
        Map<String, String> columns = AlbLogRegex.parse(line);

        assertThat(line).matches("[\\x20-\\x7e]+");
        assertThat(columns).containsEntry("request_url", "http://fuzz.exampl%85:80/caf%C3%A9")
                .containsEntry("user_agent", "agent%7F%FF")
                .containsEntry("redirect_url", "https://x.example/%E4%B8%AD");
    }

    @Test
    void writesIpv6ClientsInRfc5952FormWhichAthenaSplitsAtTheLastColon() {
        ExchangeRecord r = forwarded();
        ExchangeRecord v6 = new ExchangeRecord(r.type(), r.time(), new InetSocketAddress("0:0:0:0:0:0:0:1", 5000),
                "[::1]:8000", 0, 0, 0, 200, 200, 1, 1, "GET", "[::1]:8080", 8080, "/", "HTTP/1.1", null, ARN, null, 0,
                r.time(), List.of("forward"), null, null, r.connTraceId());
        String line = AccessLogFormat.alb("shop").format(v6);

        assertThat(line).contains(" ::1:5000 ").contains("\"GET http://[::1]:8080/ HTTP/1.1\"");
        assertThat(AlbLogRegex.parse(line)).containsEntry("client_ip", "::1").containsEntry("client_port", "5000");
    }

    @Test
    void writesTheClassicLoadBalancerFormatWithMicrosecondsAndTheRequestTime() {
        assertThat(AccessLogFormat.clb("shop").format(forwarded())).isEqualTo(
                "2018-07-02T22:22:48.364000Z shop 192.168.131.39:2817 10.0.0.1:80 0.000400 0.001260 0.000000 200 200"
                + " 34 366 \"GET http://www.example.com:80/?a=1 HTTP/1.1\" \"curl/7.46.0\" - -");
        assertThat(AccessLogFormat.clb("shop").format(malformed())).isEqualTo(
                "2024-01-05T10:00:00.000000Z shop 10.1.2.3:40000 - -1 -1 -1 400 - 12 180 \"- - -\" \"-\" - -");
    }

    @Test
    void writesBodyByteCountsInTheClassicFormatWhenTheRecordHasThem() {
        ExchangeRecord r = forwarded();
        ExchangeRecord counted = new ExchangeRecord(r.type(), r.time(), r.client(), r.target(),
                r.requestProcessingNanos(), r.targetProcessingNanos(), r.responseProcessingNanos(), r.elbStatus(),
                r.targetStatus(), r.receivedBytes(), r.sentBytes(), r.method(), r.host(), r.listenerPort(), r.uri(),
                r.protocol(), r.userAgent(), r.targetGroupArn(), r.traceId(), r.matchedRulePriority(),
                r.requestCreationTime(), r.actionsExecuted(), r.redirectUrl(), r.error(), r.connTraceId(), 0, 29, false,
                null, 0, dev.fulcrum.desync.Classification.COMPLIANT, null);

        assertThat(AccessLogFormat.clb("shop").format(counted)).contains(" 200 200 0 29 ");
        assertThat(AccessLogFormat.alb("shop").format(counted)).contains(" 200 200 34 366 ");
    }

    @Test
    void writesJsonWithAlbsFieldNamesInAlbsOrderAndTheSameValues() throws Exception {
        JsonNode json = new ObjectMapper().readTree(AccessLogFormat.json("shop").format(forwarded()));

        List<String> names = new java.util.ArrayList<>(AlbFields.NAMES);
        names.add("error_phase"); // Fulcrum's, last
        assertThat(json.fieldNames()).toIterable().containsExactlyElementsOf(names);
        assertThat(json.get("elb").asText()).isEqualTo(ELB);
        assertThat(json.get("client:port").asText()).isEqualTo("192.168.131.39:2817");
        assertThat(json.get("elb_status_code").isInt()).isTrue();
        assertThat(json.get("target_processing_time").asDouble()).isEqualTo(0.001);
        assertThat(json.get("request").asText()).isEqualTo("GET http://www.example.com:80/?a=1 HTTP/1.1");
        assertThat(json.get("error_reason").asText()).isEqualTo("-");
        JsonNode bad = new ObjectMapper().readTree(AccessLogFormat.json("shop").format(malformed()));
        assertThat(bad.get("target_status_code").asText()).isEqualTo("-");
        assertThat(bad.get("matched_rule_priority").asText()).isEqualTo("-");
        assertThat(bad.get("error_reason").asText()).isEqualTo("RequestMalformed");
    }
}
