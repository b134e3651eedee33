package dev.fulcrum.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three formats as AWS documents them (and as Fulcrum writes them), read field by field. */
class LineFormatsTest {

    /** AWS's example HTTP entry, with today's conn_trace_id and three fields appended since (2025). */
    static final String ALB_DOC = "http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188"
            + " 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366"
            + " \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.46.0\" - -"
            + " arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067"
            + " \"Root=1-58337262-36d228ad5d99923122bbe354\" \"-\" \"-\" 0 2018-07-02T22:22:48.364000Z \"forward\""
            + " \"-\" \"-\" \"10.0.0.1:80\" \"200\" \"-\" \"-\" TID_dc57cebed65b444ebc8177bb698fe166"
            + " \"-\" \"-\" \"OriginalRetrieved\" 10.0.0.99";
    static final String CLB_DOC = "2015-05-13T23:39:43.945958Z my-loadbalancer 192.168.131.39:2817 10.0.0.1:80"
            + " 0.000073 0.001048 0.000057 200 200 0 29 \"GET http://www.example.com:80/ HTTP/1.1\" \"curl/7.38.0\" - -";
    /** A real 460 line of 2017, before rules existed: 18 fields. */
    static final String ALB_2017_460 = "https 2017-06-12T10:12:01.123456Z app/web/50dc6c495c0c9188 203.0.113.9:55999"
            + " 10.5.1.2:80 0.000 -1 -1 460 - 132 0 \"GET https://www.website.com:443/app/page HTTP/1.1\" \"-\""
            + " ECDHE-RSA-AES128-SHA TLSv1 arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1"
            + " \"Root=1-593e6b69-4a4b7c7d3c7f2b4a1c2d3e4f\"";

    @TempDir
    Path dir;

    @Test
    void readsAwsExampleAlbLineWithFieldsAppendedSince() {
        LogEntry e = new LogEntry();
        assertThat(new AlbLineParser().parse(ALB_DOC, e)).isNull();

        assertThat(Text.instant(e.timeMicros)).isEqualTo(Instant.parse("2018-07-02T22:23:00.186641Z"));
        assertThat(Text.instant(e.createdMicros)).isEqualTo(Instant.parse("2018-07-02T22:22:48.364Z"));
        assertThat(e.target).isEqualTo("10.0.0.1:80");
        assertThat(e.targetGroup).isEqualTo("my-targets");
        assertThat(e.requestMicros).isZero();
        assertThat(e.targetMicros).isEqualTo(1000);
        assertThat(e.elbStatus).isEqualTo(200);
        assertThat(e.targetStatus).isEqualTo(200);
        assertThat(e.method).isEqualTo("GET");
        assertThat(e.path()).isEqualTo("/");
        assertThat(e.errorReason).isNull();
        assertThat(e.fromTarget()).isTrue();
        assertThat(LineFormat.detect(ALB_DOC)).isEqualTo(LineFormat.ALB);
    }

    @Test
    void readsOlderAlbLinesThatStopEarly() {
        LogEntry e = new LogEntry();
        assertThat(new AlbLineParser().parse(ALB_2017_460, e)).isNull();
        assertThat(e.elbStatus).isEqualTo(460);
        assertThat(e.targetStatus).isEqualTo(LogEntry.NONE);
        assertThat(e.targetGroup).isEqualTo("web");
        assertThat(e.createdMicros).isEqualTo(LogEntry.UNKNOWN_TIME);
    }

    @Test
    void readsAwsExampleClbLine() {
        LogEntry e = new LogEntry();
        assertThat(LineFormat.detect(CLB_DOC)).isEqualTo(LineFormat.CLB);
        assertThat(new ClbLineParser().parse(CLB_DOC, e)).isNull();
        assertThat(e.target).isEqualTo("10.0.0.1:80");
        assertThat(e.requestMicros).isEqualTo(73);
        assertThat(e.targetMicros).isEqualTo(1048);
        assertThat(e.elapsedMicros()).isEqualTo(73 + 1048 + 57);
        assertThat(e.targetGroup).isNull();
    }

    @Test
    void readsJsonLinesWithUnknownAndMissingFields() {
        String json = "{\"type\":\"http\",\"time\":\"2026-11-30T09:41:07.123456Z\",\"target:port\":\"10.0.1.11:8000\","
                + "\"request_processing_time\":-1,\"target_processing_time\":-1,\"elb_status_code\":504,"
                + "\"target_status_code\":\"-\",\"request\":\"GET http://shop.example:80/cart HTTP/1.1\","
                + "\"request_creation_time\":\"2026-11-30T09:40:07.120000Z\",\"error_reason\":\"TargetIdleTimeout\","
                + "\"error_phase\":\"AWAITING_RESPONSE\",\"some_future_field\":{\"nested\":[1,2]}}";
        LogEntry e = new LogEntry();
        assertThat(LineFormat.detect(json)).isEqualTo(LineFormat.JSON);
        assertThat(new JsonLineParser().parse(json, e)).isNull();
        assertThat(e.elbStatus).isEqualTo(504);
        assertThat(e.targetStatus).isEqualTo(LogEntry.NONE);
        assertThat(e.errorPhase).isEqualTo("AWAITING_RESPONSE");
        assertThat(e.elapsedMicros()).isEqualTo(60_003_456L);
        assertThat(e.responseMicros).isEqualTo(LogEntry.NOT_REACHED);
        assertThat(new JsonLineParser().parse("{\"time\":\"x\"", e)).isNotNull();
    }

    @Test
    void parsesIsoTimesAsJavaDoes() {
        for (String t : List.of("1970-01-01T00:00:00Z", "2000-02-29T23:59:59.999999Z", "2026-11-30T09:41:07.1Z",
                "2100-03-01T00:00:00.000000Z")) {
            long micros = Fields.isoMicros(t, 0, t.length());
            assertThat(Text.instant(micros)).as(t).isEqualTo(Instant.parse(t));
        }
        assertThat(Fields.isoMicros("2026-13-01T00:00:00Z", 0, 20)).isEqualTo(Fields.INVALID);
    }

    @Test
    void readsFoldersInAlbsS3LayoutInTimeOrderAndGzippedFilesByTheirBytes() throws IOException {
        Path day = Files.createDirectories(dir.resolve("AWSLogs/123456789012/elasticloadbalancing/us-east-2/2026/11/30"));
        Path later = day.resolve("123456789012_elasticloadbalancing_us-east-2_app.web.50dc6c495c0c9188_20261130T0910Z_10.0.0.1_abc.log.gz");
        Path earlier = day.resolve("123456789012_elasticloadbalancing_us-east-2_app.web.50dc6c495c0c9188_20261130T0905Z_10.0.0.2_xyz.log");
        Files.write(later, gzip(ALB_DOC + "\n"));
        Files.writeString(earlier, ALB_DOC + "\n" + ALB_DOC + "\n");

        Diagnosis d = Diagnose.withDefaults().read(List.of(dir.toString()));

        assertThat(d.sources()).extracting(Diagnosis.Source::name).containsExactly(earlier.toString(), later.toString());
        assertThat(d.entries()).isEqualTo(3);
        assertThat(d.unparsed().count()).isZero();
    }

    private static byte[] gzip(String s) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
