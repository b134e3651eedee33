package dev.fulcrum.lab;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.ResourceIds;
import dev.fulcrum.observability.AccessLogFormat;
import dev.fulcrum.observability.ExchangeRecord;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalog entries no lab scenario can provoke on loopback (an unreachable host, a deregistration delay) still
 * get their ALB line checked column by column, from the record an exchange dispatched to a target writes for them.
 */
class CatalogLineShapesTest {

    static Stream<LbError> withoutScenario() {
        Set<LbError> missing = EnumSet.allOf(LbError.class);
        Lab.scenarios().forEach(s -> missing.remove(s.error()));
        return missing.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("withoutScenario")
    void aDispatchedExchangeThatEndsInThisErrorLogsTheShapeOfItsReach(LbError e) {
        int listenerPort = 8080;
        Instant now = Instant.parse("2026-11-30T09:00:00.123456Z");
        ExchangeRecord r = new ExchangeRecord("http", now, new InetSocketAddress("127.0.0.1", 50000),
                "127.0.0.1:9000", -1, -1, -1, e.status(), ExchangeRecord.NO_STATUS, 37, 262, "GET", "lab.example",
                listenerPort, "/", "HTTP/1.1", null, ResourceIds.targetGroupArn(LabBench.NAME, "lab-targets"),
                "Root=1-6b0d39af-6d91547d90529bc73742a1ce", 0, now.minusMillis(20), List.of("forward"), null, e,
                "TID_3106e74f342cfc0f80e510a2f844081b");

        AlbLineShape.check(AccessLogFormat.alb(LabBench.NAME).format(r), e, listenerPort);
    }
}
