package dev.fulcrum.observability;

import dev.fulcrum.core.LbError;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One access-log line per exchange: ALB's format (and its JSON form) for a forwarded request, and for a 502 the
 * balancer answered itself.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessLogFormatBenchmark {

    private final AccessLogFormat alb = AccessLogFormat.alb("shop");
    private final AccessLogFormat json = AccessLogFormat.json("shop");
    private final ExchangeRecord forwarded = record(200, 200, null);
    private final ExchangeRecord failed = record(502, ExchangeRecord.NO_STATUS, LbError.TARGET_CLOSED_CONNECTION);

    private static ExchangeRecord record(int elbStatus, int targetStatus, LbError error) {
        Instant created = Instant.parse("2026-11-30T08:00:00.123456Z");
        return new ExchangeRecord("http", created.plusNanos(1_234_000), new InetSocketAddress("192.0.2.10", 50123),
                "10.0.0.11:8000", 1_000, error == null ? 1_200_000 : ExchangeRecord.NOT_REACHED,
                error == null ? 30_000 : ExchangeRecord.NOT_REACHED, elbStatus, targetStatus, 412, 1_337, "GET",
                "shop.example.com", 80, "/api/orders?id=42&page=3", "HTTP/1.1",
                "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
                "arn:aws:elasticloadbalancing:local:000000000000:targetgroup/web/0123456789abcdef",
                "Root=1-67891233-abcdef012345678912345678", 10, created, List.of("forward"), null, error,
                "TID_0123456789abcdef0123456789abcdef");
    }

    @Benchmark
    public String albForwarded() {
        return alb.format(forwarded);
    }

    @Benchmark
    public String albBalancerError() {
        return alb.format(failed);
    }

    @Benchmark
    public String jsonForwarded() {
        return json.format(forwarded);
    }
}
