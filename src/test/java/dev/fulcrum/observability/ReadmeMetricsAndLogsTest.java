package dev.fulcrum.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.ResourceIds;
import dev.fulcrum.testing.AlbLogRegex;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's access-log example and metrics table stay in step with the code. */
class ReadmeMetricsAndLogsTest {

    private static String readme() throws Exception {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void theReadmesAlbExampleLineIsOneAthenaReadsWithTheIdsFulcrumDerives() throws Exception {
        List<String> examples = readme().lines().map(String::strip).filter(l -> l.startsWith("http 20")).toList();

        assertThat(examples).isNotEmpty().allSatisfy(l -> {
            assertThat(AlbLogRegex.parse(l).get("elb")).isEqualTo(ResourceIds.loadBalancerId("shop"));
            assertThat(AlbLogRegex.parse(l).get("target_group_arn")).isEqualTo(ResourceIds.targetGroupArn("shop", "web"));
        });
    }

    /** A registry holding every meter Fulcrum publishes: those of a group, a target, an error, the access log. */
    private static PrometheusMeterRegistry everyMeter() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        CloudWatchMetrics metrics = new CloudWatchMetrics(registry, "shop");
        metrics.hostCounts(ResourceIds.targetGroupId("shop", "web"), () -> 1, () -> 0, () -> false);
        metrics.accessLogDrops(() -> 0);
        ExchangeRecord r = AccessLogFormatTest.forwarded();
        metrics.record(r);
        metrics.record(new ExchangeRecord("http", r.time(), r.client(), null, -1, -1, -1, 502, -1, 1, 1, "GET", "h",
                80, "/", "HTTP/1.1", null, null, null, 0, r.time(), List.of(), null, LbError.INTERNAL_ERROR,
                r.connTraceId()));
        return registry;
    }

    private static String metricsTable() throws Exception {
        String table = readme().substring(readme().indexOf("| Prometheus name |"));
        return table.substring(0, table.indexOf("\n\n"));
    }

    @Test
    void everyPrometheusNameInTheMetricsTableIsScraped() throws Exception {
        PrometheusMeterRegistry registry = everyMeter();
        String scrape = registry.scrape();
        registry.close();

        String table = metricsTable();
        Matcher m = Pattern.compile("(?m)^\\| `([A-Za-z_0-9]+)").matcher(table);
        int names = 0;
        while (m.find()) {
            names++;
            assertThat(scrape).as(m.group(1)).containsPattern("(?m)^" + Pattern.quote(m.group(1)) + "[{ _]");
        }
        assertThat(names).isGreaterThanOrEqualTo(18);
    }

    @Test
    void everyMetricPublishedIsInTheMetricsTable() throws Exception {
        PrometheusMeterRegistry registry = everyMeter();
        List<String> names = registry.getMeters().stream().map(meter -> meter.getId().getName()).distinct()
                // HTTPCode_* families are rows of their own shape: HTTPCode_Target_2XX_Count … 5XX
                .filter(name -> !name.startsWith("HTTPCode_")).toList();
        registry.close();

        String table = metricsTable();
        assertThat(names).hasSizeGreaterThanOrEqualTo(17)
                .allSatisfy(name -> assertThat(table).as(name) // as itself, or with a suffix: _total, _seconds
                        .containsPattern("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9])"));
    }
}
