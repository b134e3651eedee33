package dev.fulcrum.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessLogsSectionTest {

    private static String attribute(String key, String value) {
        return Yaml.withSections("loadBalancer:\n  attributes:\n    " + key + ": " + value + "\n");
    }

    @Test
    void accessLogsAreOffByDefaultAndWouldWriteAlbLinesToStdoutEveryFiveMinutesGzipped() {
        AccessLogAttributes a = Yaml.load(Yaml.MINIMAL).loadBalancer().accessLogs();

        assertThat(a).isEqualTo(AccessLogAttributes.defaults());
        assertThat(a.enabled()).isFalse();
        assertThat(a.toStdout()).isTrue();
        assertThat(a.format()).isEqualTo(AccessLogAttributes.Format.ALB);
        assertThat(a.intervalMinutes()).isEqualTo(5);
        assertThat(a.compress()).isTrue();
    }

    @Test
    void readsEveryAccessLogAttributeWrittenAsAlbsApiStrings() {
        AccessLogAttributes a = Yaml.load(Yaml.withSections("""
                loadBalancer:
                  attributes:
                    access_logs.enabled: "true"
                    access_logs.path: /var/log/fulcrum
                    access_logs.format: clb
                    access_logs.interval_minutes: "60"
                    access_logs.compress: false
                """)).loadBalancer().accessLogs();

        assertThat(a).isEqualTo(new AccessLogAttributes(true, "/var/log/fulcrum", AccessLogAttributes.Format.CLB,
                60, false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            access_logs.interval_minutes | 30    | 30 (expected: 5 or 60)
            access_logs.interval_minutes | 61    | 61 (expected: 5 or 60)
            access_logs.format           | csv   | 'csv' (expected one of: alb, clb, json)
            access_logs.enabled          | maybe | expected true or false, got 'maybe'
            """)
    void reportsABadAccessLogAttributeAtItsPath(String key, String value, String message) {
        assertThat(Yaml.problems(attribute(key, value)))
                .containsExactly("loadBalancer.attributes." + key + ": " + message);
    }

    @Test
    void reportsAnEmptyPath() {
        assertThat(Yaml.problems(Yaml.withSections("""
                loadBalancer:
                  attributes:
                    access_logs.path: ""
                """))).containsExactly("loadBalancer.attributes.access_logs.path: empty (expected: 1..4096 characters)");
    }

    @Test
    void reportsEveryBadAccessLogAttributeAtOnceAlongsideTheOtherAttributes() {
        assertThat(Yaml.problems(Yaml.withSections("""
                loadBalancer:
                  attributes:
                    idle_timeout.timeout_seconds: 0
                    access_logs.interval_minutes: 1
                    access_logs.format: xml
                """))).containsExactly(
                "loadBalancer.attributes.idle_timeout.timeout_seconds: 0 (expected: 1..4000)",
                "loadBalancer.attributes.access_logs.interval_minutes: 1 (expected: 5 or 60)",
                "loadBalancer.attributes.access_logs.format: 'xml' (expected one of: alb, clb, json)");
    }
}
