package dev.fulcrum.observability;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.Phase;
import dev.fulcrum.core.ResourceIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * ALB's CloudWatch metrics, counted from the exchange records into a Micrometer registry under CloudWatch's names,
 * with {@code load_balancer}, {@code target_group} and {@code target} labels. Health checks never make exchange
 * records, so they are not counted, as ALB's metrics exclude them. The counters are lock-free adders; the meters of
 * a target are looked up once and cached.
 */
public final class CloudWatchMetrics implements ExchangeLog {

    static final String LB = "load_balancer";
    static final String TG = "target_group";
    static final String TARGET = "target";
    static final String TARGET_RESPONSE_TIME = "TargetResponseTime";
    /** The gauges of a target group, read when scraped; published and withdrawn together. */
    static final List<String> GROUP_GAUGES =
            List.of("HealthyHostCount", "UnHealthyHostCount", "HealthyStateRouting", "UnhealthyStateRouting");
    /** Balancer-generated outcomes by error_reason and the phase it struck in (Fulcrum's; ALB has none). */
    static final String ERROR_REASON = "Fulcrum_ErrorReason_Count";
    private static final Phase[] PHASES = Phase.values();
    static final String ACCESS_LOG_DROPPED = "Fulcrum_AccessLog_DroppedLines_Count";
    /** Request header fields routing.http.drop_invalid_header_fields.enabled removed (Fulcrum's). */
    static final String HEADER_FIELDS_DROPPED = "Fulcrum_InvalidHeaderFieldsDropped_Count";
    /** Histogram buckets up to ALB's default idle timeout; slower responses count in the last one (+Inf). */
    private static final Duration MAX_EXPECTED_RESPONSE_TIME = Duration.ofSeconds(60);

    private final MeterRegistry registry;
    private final String loadBalancerId;
    private final Tags lbTags;
    /** HTTPCode_ELB_* counters by CloudWatch name (names from the {@link LbError} catalog). */
    private final Map<String, Counter> elbCodes = new ConcurrentHashMap<>();
    /** Fulcrum_ErrorReason_Count by error and phase, registered on first use (not every pair ever happens). */
    private final AtomicReferenceArray<Counter> errorReasons =
            new AtomicReferenceArray<>(LbError.values().length * (PHASES.length + 1));
    private final Map<String, GroupMeters> groups = new ConcurrentHashMap<>();
    private final Map<String, TargetMeters> targets = new ConcurrentHashMap<>();
    /** By TargetGroup dimension, the suppliers of {@link #GROUP_GAUGES}, in that order. */
    private final Map<String, List<IntSupplier>> hostCounts = new ConcurrentHashMap<>();
    private final Counter fixedResponses;
    private final Counter redirects;
    private final Counter redirectUrlTooLong;
    private final Counter processedBytes;
    private final Counter newConnections;
    private final Counter rejectedConnections;
    private final Counter clientTlsErrors;
    private final Counter headerFieldsDropped;
    private final Counter nonCompliantRequests;
    private final AtomicLong activeConnections = new AtomicLong();

    public CloudWatchMetrics(MeterRegistry registry, String loadBalancerName) {
        this.registry = registry;
        this.loadBalancerId = ResourceIds.loadBalancerId(loadBalancerName);
        this.lbTags = Tags.of(LB, loadBalancerId);
        for (int status : new int[] {300, 400, 500, 502, 503, 504}) {
            elbCodes.computeIfAbsent(LbError.classMetric(status), n -> counter(n, lbTags));
            LbError.codeMetric(status).ifPresent(n -> elbCodes.put(n, counter(n, lbTags)));
        }
        fixedResponses = counter("HTTP_Fixed_Response_Count", lbTags);
        redirects = counter("HTTP_Redirect_Count", lbTags);
        redirectUrlTooLong = counter("HTTP_Redirect_Url_Limit_Exceeded_Count", lbTags);
        processedBytes = counter("ProcessedBytes", lbTags); // no base unit: the name stays ProcessedBytes
        newConnections = counter("NewConnectionCount", lbTags);
        rejectedConnections = counter("RejectedConnectionCount", lbTags);
        clientTlsErrors = counter("ClientTLSNegotiationErrorCount", lbTags);
        headerFieldsDropped = counter(HEADER_FIELDS_DROPPED, lbTags);
        nonCompliantRequests = counter("DesyncMitigationMode_NonCompliant_Request_Count", lbTags);
        Gauge.builder("ActiveConnectionCount", activeConnections, AtomicLong::get).tags(lbTags).register(registry);
    }

    private Counter errorReasonCounter(LbError e, Phase phase) {
        int i = e.ordinal() * (PHASES.length + 1) + (phase == null ? PHASES.length : phase.ordinal());
        Counter c = errorReasons.get(i);
        if (c == null) {
            // Once per pair: the registry returns the same counter to a racing loop.
            c = counter(ERROR_REASON, lbTags.and("error_reason", e.errorReason(), "phase",
                    phase == null ? "-" : phase.name(), "status", Integer.toString(e.status())));
            errorReasons.set(i, c);
        }
        return c;
    }

    private Counter counter(String name, Tags tags) {
        return Counter.builder(name).tags(tags).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** {@code app/<name>/<16 hex>}, the LoadBalancer dimension. */
    public String loadBalancerId() {
        return loadBalancerId;
    }

    /**
     * Publishes the gauges of a target group, read when scraped: HealthyHostCount, UnHealthyHostCount, and
     * UnhealthyStateRouting with its complement HealthyStateRouting (1 or 0: a single-node balancer is one zone).
     * Called again for the same group (a new configuration), the new suppliers replace the old ones.
     *
     * @param targetGroupId the TargetGroup dimension, {@code targetgroup/<name>/<16 hex>}
     * @param failover whether the group is in routing failover now
     */
    public void hostCounts(String targetGroupId, IntSupplier healthy, IntSupplier unhealthy, BooleanSupplier failover) {
        IntSupplier unhealthyState = () -> failover.getAsBoolean() ? 1 : 0;
        List<IntSupplier> values = List.of(healthy, unhealthy, () -> 1 - unhealthyState.getAsInt(), unhealthyState);
        if (hostCounts.put(targetGroupId, values) == null) {
            Tags tags = lbTags.and(TG, targetGroupId);
            for (int i = 0; i < GROUP_GAUGES.size(); i++) {
                int gauge = i;
                Gauge.builder(GROUP_GAUGES.get(i), this, m -> m.hostCounts.get(targetGroupId).get(gauge).getAsInt())
                        .tags(tags).strongReference(true).register(registry);
            }
        }
    }

    /**
     * Registers the meters of a target group and its targets ahead of traffic, so that requests only look them up
     * (a target registered later gets its meters on its first request).
     *
     * @param targetGroupArn the group's ARN, as exchange records carry it
     * @param targets the targets' {@code ip:port}
     */
    public void targets(String targetGroupArn, List<String> targets) {
        GroupMeters g = group(targetGroupArn);
        targets.forEach(t -> target(g, targetGroupArn, t));
    }

    private GroupMeters group(String arn) {
        GroupMeters found = groups.get(arn); // a plain read first: computeIfAbsent may lock its bin
        return found != null ? found : groups.computeIfAbsent(arn, a -> new GroupMeters(lbTags.and(TG, groupId(a))));
    }

    private TargetMeters target(GroupMeters g, String arn, String hostPort) {
        String key = arn + ' ' + hostPort;
        TargetMeters found = targets.get(key);
        return found != null ? found : targets.computeIfAbsent(key, k -> new TargetMeters(g.tags.and(TARGET, hostPort)));
    }

    /**
     * Stops publishing the host counts of target groups that are no longer in service (a new configuration
     * removed them); their request counters stay, as totals since start.
     */
    public void retainHostCounts(java.util.Set<String> targetGroupIds) {
        for (String id : List.copyOf(hostCounts.keySet())) {
            if (!targetGroupIds.contains(id)) {
                Tags tags = lbTags.and(TG, id);
                GROUP_GAUGES.forEach(name -> registry.find(name).tags(tags).meters().forEach(registry::remove));
                hostCounts.remove(id);
            }
        }
    }

    /** Counts the access log's dropped lines (read when scraped). */
    public void accessLogDrops(LongSupplier dropped) {
        FunctionCounter.builder(ACCESS_LOG_DROPPED, dropped, s -> s.getAsLong()).tags(lbTags).register(registry);
    }

    @Override
    public void connectionOpened() {
        newConnections.increment();
        activeConnections.incrementAndGet();
    }

    @Override
    public void connectionClosed() {
        activeConnections.decrementAndGet();
    }

    @Override
    public void connectionRejected() {
        rejectedConnections.increment();
    }

    @Override
    public void tlsConnection(TlsConnectionRecord record) {
        if (record.failed()) {
            clientTlsErrors.increment();
        }
    }

    @Override
    public void record(ExchangeRecord r) {
        processedBytes.increment(r.receivedBytes() + r.sentBytes());
        if (r.headerFieldsDropped() > 0) {
            headerFieldsDropped.increment(r.headerFieldsDropped());
        }
        if (!r.classification().isCompliant()) {
            nonCompliantRequests.increment(); // in every mode, blocked or not, as ALB counts them
        }
        LbError e = r.error();
        if (e != null) {
            errorReasonCounter(e, r.errorPhase()).increment();
        }
        if (e == LbError.REDIRECT_URL_TOO_LONG) {
            redirectUrlTooLong.increment();
        } else if (e == null && r.actionsExecuted().contains("redirect")) {
            redirects.increment();
        } else if (e == null && r.actionsExecuted().contains("fixed-response")) {
            fixedResponses.increment();
        }
        if (r.targetGroupArn() != null && r.target() != null) {
            recordTarget(r);
        }
        if (r.targetStatus() == ExchangeRecord.NO_STATUS && r.elbStatus() > 0) {
            // The balancer made the response (an error, a redirect, a fixed response) or the client left (460).
            int status = e != null ? e.status() : r.elbStatus();
            countElb(e != null ? e.classMetric() : LbError.classMetric(status));
            (e != null ? e.codeMetric() : LbError.codeMetric(status)).ifPresent(this::countElb);
        }
    }

    private void countElb(String name) {
        Counter c = elbCodes.get(name); // ALB has no HTTPCode_ELB_2XX_Count: a 200 fixed response counts nowhere
        if (c != null) {
            c.increment();
        }
    }

    private void recordTarget(ExchangeRecord r) {
        GroupMeters g = group(r.targetGroupArn());
        TargetMeters t = target(g, r.targetGroupArn(), r.target());
        g.requests.increment();
        if (r.unhealthyRouting()) {
            g.unhealthyRouting.increment();
        }
        t.requests.increment();
        if (r.targetStatus() != ExchangeRecord.NO_STATUS) {
            int c = r.targetStatus() / 100;
            if (c >= 2 && c <= 5) {
                t.targetClass[c].increment();
            }
        }
        if (r.targetProcessingNanos() != ExchangeRecord.NOT_REACHED) {
            g.responseTime.record(r.targetProcessingNanos(), TimeUnit.NANOSECONDS);
        }
        if (r.error() == LbError.TARGET_TLS_NEGOTIATION_ERROR || r.error() == LbError.TARGET_TLS_HANDSHAKE_TIMEOUT) {
            g.tlsErrors.increment(); // the connection stood; its TLS session did not
        } else if (r.error() != null && r.error().phase() == Phase.CONNECTING) {
            t.connectionErrors.increment();
        }
    }

    /** {@code targetgroup/<name>/<16 hex>} from the ARN. */
    static String groupId(String arn) {
        int i = arn.lastIndexOf(":targetgroup/");
        return i < 0 ? arn : arn.substring(i + 1);
    }

    private final class GroupMeters {
        final Tags tags;
        final Counter requests;
        /** Requests routed while the group was in routing failover. */
        final Counter unhealthyRouting;
        /** Balancer-to-target TLS handshakes of requests that failed (TargetTLSNegotiationErrorCount). */
        final Counter tlsErrors;
        final Timer responseTime;

        GroupMeters(Tags tags) {
            this.tags = tags;
            this.requests = counter("RequestCount", tags);
            this.unhealthyRouting = counter("UnhealthyRoutingRequestCount", tags);
            this.tlsErrors = counter("TargetTLSNegotiationErrorCount", tags);
            this.responseTime = Timer.builder(TARGET_RESPONSE_TIME).tags(tags)
                    .publishPercentiles(0.5, 0.9, 0.99).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(MAX_EXPECTED_RESPONSE_TIME)
                    .register(registry);
        }
    }

    private final class TargetMeters {
        final Counter requests;
        final Counter[] targetClass = new Counter[6];
        final Counter connectionErrors;

        TargetMeters(Tags tags) {
            this.requests = counter("RequestCountPerTarget", tags);
            for (int c = 2; c <= 5; c++) {
                targetClass[c] = counter("HTTPCode_Target_" + c + "XX_Count", tags);
            }
            this.connectionErrors = counter("TargetConnectionErrorCount", tags);
        }
    }
}
