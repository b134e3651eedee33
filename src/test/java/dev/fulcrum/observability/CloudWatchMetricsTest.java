package dev.fulcrum.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.ResourceIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The counters move as the troubleshooting guides read them. */
class CloudWatchMetricsTest {

    private static final String ARN = ResourceIds.targetGroupArn("shop", "web");
    private static final String TG = ResourceIds.targetGroupId("shop", "web");

    private MeterRegistry registry;
    private CloudWatchMetrics metrics;

    @BeforeEach
    void setUp() {
        registry = new SimpleMeterRegistry();
        metrics = new CloudWatchMetrics(registry, "shop");
    }

    private double count(String name) {
        return Search.in(registry).name(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static ExchangeRecord record(String target, String arn, int elbStatus, int targetStatus,
            long targetNanos, List<String> actions, LbError error) {
        return record(target, arn, elbStatus, targetStatus, targetNanos, actions, error, false);
    }

    private static ExchangeRecord record(String target, String arn, int elbStatus, int targetStatus,
            long targetNanos, List<String> actions, LbError error, boolean unhealthyRouting) {
        ExchangeRecord r = AccessLogFormatTest.forwarded();
        return new ExchangeRecord("http", r.time(), r.client(), target, 0, targetNanos, 0, elbStatus, targetStatus,
                100, 200, "GET", "h", 80, "/", "HTTP/1.1", null, arn, null, 0, r.time(), actions, null, error,
                r.connTraceId(), ExchangeRecord.NOT_COUNTED, ExchangeRecord.NOT_COUNTED, unhealthyRouting,
                error == null ? null : error.phase(), 0, dev.fulcrum.desync.Classification.COMPLIANT, null);
    }

    @Test
    void aBalancerGenerated502CountsInElb5xxAndElb502AndNotAsATargetResponse() {
        metrics.record(record("10.0.0.1:80", ARN, 502, -1, -1, List.of("forward"), LbError.TARGET_RESPONSE_MALFORMED));

        assertThat(count("HTTPCode_ELB_5XX_Count")).isEqualTo(1);
        assertThat(count("HTTPCode_ELB_502_Count")).isEqualTo(1);
        assertThat(count("HTTPCode_Target_5XX_Count")).isZero();
        assertThat(count("RequestCount")).isEqualTo(1); // a target was chosen
        assertThat(count(CloudWatchMetrics.ERROR_REASON)).isEqualTo(1);
        assertThat(Search.in(registry).name(CloudWatchMetrics.ERROR_REASON).tag("error_reason",
                "TargetResponseMalformed").tag("status", "502").counters()).singleElement()
                .satisfies(c -> assertThat(c.count()).isEqualTo(1));
    }

    @Test
    void aTargets502CountsOnlyInTarget5xx() {
        metrics.record(record("10.0.0.1:80", ARN, 502, 502, 3_000_000, List.of("forward"), null));

        assertThat(count("HTTPCode_Target_5XX_Count")).isEqualTo(1);
        assertThat(count("HTTPCode_ELB_5XX_Count")).isZero();
        assertThat(count("HTTPCode_ELB_502_Count")).isZero();
        assertThat(count(CloudWatchMetrics.ERROR_REASON)).isZero();
        assertThat(Search.in(registry).name("HTTPCode_Target_5XX_Count").tag("target", "10.0.0.1:80")
                .tag("target_group", TG).tag("load_balancer", metrics.loadBalancerId()).counter().count())
                .isEqualTo(1);
        assertThat(Search.in(registry).name("TargetResponseTime").timer().count()).isEqualTo(1);
    }

    @Test
    void targetConnectionFailuresCountInTargetConnectionErrorCountAndTheirElbCode() {
        metrics.record(record("10.0.0.1:80", ARN, 502, -1, -1, List.of("forward"), LbError.TARGET_CONNECTION_REFUSED));
        metrics.record(record("10.0.0.1:80", ARN, 504, -1, -1, List.of("forward"), LbError.TARGET_CONNECT_TIMEOUT));
        metrics.record(record("10.0.0.1:80", ARN, 504, -1, -1, List.of("forward"), LbError.TARGET_IDLE_TIMEOUT));

        assertThat(count("TargetConnectionErrorCount")).isEqualTo(2);
        assertThat(count("HTTPCode_ELB_504_Count")).isEqualTo(2);
        assertThat(count("HTTPCode_ELB_5XX_Count")).isEqualTo(3);
    }

    @Test
    void requestsRejectedBeforeATargetWasChosenAreNotInRequestCount() {
        metrics.record(record(null, null, 400, -1, -1, List.of(), LbError.REQUEST_MALFORMED));
        metrics.record(record(null, ARN, 503, -1, -1, List.of("forward"), LbError.NO_REGISTERED_TARGETS));
        metrics.record(record("10.0.0.1:80", ARN, 460, -1, -1, List.of("forward"), LbError.CLIENT_CLOSED));

        assertThat(count("RequestCount")).isEqualTo(1);
        assertThat(count("HTTPCode_ELB_4XX_Count")).isEqualTo(2); // 400 and 460
        assertThat(count("HTTPCode_ELB_503_Count")).isEqualTo(1);
    }

    @Test
    void redirectsAndFixedResponsesCountInTheirActionMetricsAndTheirElbClass() {
        metrics.record(record(null, null, 301, -1, -1, List.of("redirect"), null));
        metrics.record(record(null, null, 507, -1, -1, List.of("redirect"), LbError.REDIRECT_URL_TOO_LONG));
        metrics.record(record(null, null, 404, -1, -1, List.of("fixed-response"), null));
        metrics.record(record(null, null, 200, -1, -1, List.of("fixed-response"), null));

        assertThat(count("HTTP_Redirect_Count")).isEqualTo(1);
        assertThat(count("HTTP_Redirect_Url_Limit_Exceeded_Count")).isEqualTo(1);
        assertThat(count("HTTP_Fixed_Response_Count")).isEqualTo(2);
        assertThat(count("HTTPCode_ELB_3XX_Count")).isEqualTo(1);
        assertThat(count("HTTPCode_ELB_4XX_Count")).isEqualTo(1);
        assertThat(count("HTTPCode_ELB_5XX_Count")).isEqualTo(1); // the 507
    }

    @Test
    void countsBytesAndConnections() {
        metrics.connectionOpened();
        metrics.connectionOpened();
        metrics.connectionClosed();
        metrics.record(record("10.0.0.1:80", ARN, 200, 200, 1_000_000, List.of("forward"), null));

        assertThat(count("NewConnectionCount")).isEqualTo(2);
        assertThat(registry.get("ActiveConnectionCount").gauge().value()).isEqualTo(1);
        assertThat(count("ProcessedBytes")).isEqualTo(300);
    }

    @Test
    void theCloudWatchViewSumsPerLoadBalancerAndPerTargetGroupUnderExactNames() {
        metrics.hostCounts(TG, () -> 2, () -> 1, () -> false);
        for (int i = 0; i < 4; i++) {
            metrics.record(record("10.0.0." + (i % 2) + ":80", ARN, 200, 200, 2_000_000, List.of("forward"), null));
        }
        metrics.record(record("10.0.0.1:80", ARN, 502, -1, -1, List.of("forward"), LbError.TARGET_CLOSED_CONNECTION));

        Map<String, Object> view = CloudWatchView.of(metrics);
        @SuppressWarnings("unchecked")
        Map<String, Object> lb = (Map<String, Object>) ((Map<String, Object>) view.get("loadBalancer")).get("metrics");
        @SuppressWarnings("unchecked")
        Map<String, Object> group = (Map<String, Object>) ((List<Map<String, Object>>) view.get("targetGroups")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> gm = (Map<String, Object>) group.get("metrics");
        @SuppressWarnings("unchecked")
        Map<String, Object> classic = (Map<String, Object>) ((Map<String, Object>) view.get("classic")).get("metrics");

        assertThat(lb).containsEntry("RequestCount", 5L).containsEntry("HTTPCode_Target_2XX_Count", 4L)
                .containsEntry("HTTPCode_ELB_5XX_Count", 1L).containsEntry("HTTPCode_ELB_502_Count", 1L)
                .doesNotContainKey("HealthyHostCount");
        assertThat(group).containsEntry("TargetGroup", TG);
        assertThat(gm).containsEntry("HealthyHostCount", 2L).containsEntry("UnHealthyHostCount", 1L)
                .containsEntry("RequestCount", 5L).containsEntry("RequestCountPerTarget", 2.5)
                .containsEntry("HealthyStateRouting", 1L).containsEntry("UnhealthyStateRouting", 0L)
                .containsEntry("UnhealthyRoutingRequestCount", 0L);
        @SuppressWarnings("unchecked")
        Map<String, Object> rt = (Map<String, Object>) gm.get("TargetResponseTime");
        assertThat(rt).containsEntry("SampleCount", 4L).containsKeys("Average", "p50", "p90", "p99");
        assertThat((Double) rt.get("Average")).isEqualTo(0.002);
        assertThat(classic).containsEntry("HTTPCode_Backend_2XX", 4L).containsEntry("HTTPCode_ELB_5XX", 1L)
                .containsKey("Latency");
    }

    @Test
    void requestsRoutedInFailoverCountInUnhealthyRoutingRequestCountPerGroupAndPerLoadBalancer() {
        String otherArn = ResourceIds.targetGroupArn("shop", "api");
        metrics.record(record("10.0.0.1:80", ARN, 200, 200, 1_000_000, List.of("forward"), null, true));
        metrics.record(record("10.0.0.2:80", ARN, 502, -1, -1, List.of("forward"), LbError.TARGET_CONNECTION_REFUSED,
                true));
        metrics.record(record("10.0.0.1:80", ARN, 200, 200, 1_000_000, List.of("forward"), null, false));
        metrics.record(record("10.0.0.3:80", otherArn, 200, 200, 1_000_000, List.of("forward"), null, true));

        assertThat(Search.in(registry).name("UnhealthyRoutingRequestCount").tag("target_group", TG).counter().count())
                .isEqualTo(2);
        assertThat(count("UnhealthyRoutingRequestCount")).isEqualTo(3);
        assertThat(count("RequestCount")).isEqualTo(4);
        @SuppressWarnings("unchecked")
        Map<String, Object> lb = (Map<String, Object>) ((Map<String, Object>) CloudWatchView.of(metrics)
                .get("loadBalancer")).get("metrics");
        assertThat(lb).containsEntry("UnhealthyRoutingRequestCount", 3L);
    }

    @Test
    void routingStateGaugesFollowTheGroupAndLeaveWithIt() {
        java.util.concurrent.atomic.AtomicBoolean failover = new java.util.concurrent.atomic.AtomicBoolean();
        metrics.hostCounts(TG, () -> 1, () -> 3, failover::get);

        assertThat(registry.get("HealthyStateRouting").tag("target_group", TG).gauge().value()).isEqualTo(1);
        assertThat(registry.get("UnhealthyStateRouting").tag("target_group", TG).gauge().value()).isZero();
        failover.set(true);
        assertThat(registry.get("HealthyStateRouting").tag("target_group", TG).gauge().value()).isZero();
        assertThat(registry.get("UnhealthyStateRouting").tag("target_group", TG).gauge().value()).isEqualTo(1);

        metrics.retainHostCounts(java.util.Set.of());
        for (String gauge : CloudWatchMetrics.GROUP_GAUGES) {
            assertThat(Search.in(registry).name(gauge).meters()).as(gauge).isEmpty();
        }
    }
}
