package dev.fulcrum.lab;

import dev.fulcrum.observability.AccessLogFormat;
import dev.fulcrum.observability.ExchangeRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Plays scenarios and judges them: the status the client got, the balancer's record of the exchange (status,
 * error_reason), and what became of the client connection.
 */
public final class Lab {

    /**
     * How one scenario went.
     *
     * @param accessLogLine the exchange's ALB access-log line, {@code null} when nothing was logged
     * @param listenerPort the port the lab's balancer listened on, 0 if it did not start
     */
    public record Result(Scenario scenario, boolean passed, Integer clientStatus, String connection,
            ExchangeRecord record, List<String> problems, long millis, String accessLogLine, int listenerPort) {
    }

    /** The lab balancer's access-log format. */
    private static final AccessLogFormat ALB = AccessLogFormat.alb(LabBench.NAME);

    private Lab() {
    }

    public static List<Scenario> scenarios() {
        return Scenarios.all();
    }

    public static Optional<Scenario> scenario(String name) {
        return scenarios().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static Result run(Scenario scenario) {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        Integer clientStatus = null;
        String connection = "-";
        ExchangeRecord record = null;
        int port = 0;
        try (LabBench bench = new LabBench()) {
            RawHttpClient.Response response = scenario.play().play(bench);
            clientStatus = response == null ? null : response.status();
            record = awaitRecord(bench, scenario.status());
            port = bench.balancerPort();
            switch (scenario.connection()) {
                case CLIENT_LEFT -> {
                    connection = "client left";
                    if (response != null) {
                        problems.add("expected no response, got " + response.status());
                    }
                }
                case GOAWAY -> {
                    connection = bench.h2ClientClosed() ? "goaway" : "open";
                    if (response != null) {
                        problems.add("expected no response, got " + response.status());
                    }
                    if (!connection.equals("goaway")) {
                        problems.add("expected GOAWAY and the connection closed, it stayed open");
                    }
                }
                case KEPT -> {
                    connection = bench.client().staysOpenFor(500) ? "kept" : "closed";
                    if (!connection.equals("kept")) {
                        problems.add("expected the connection to be kept, it was closed");
                    }
                }
                case CLOSED -> {
                    connection = bench.client().isClosedByPeer() ? "closed" : "kept";
                    if (!connection.equals("closed")) {
                        problems.add("expected the connection to be closed, it stayed open");
                    }
                }
            }
            if (response != null && response.status() != scenario.status()) {
                problems.add("client got " + response.status() + ", expected " + scenario.status());
            }
            String reasonHeader = response == null ? null : response.header("X-Fulcrum-Error-Reason");
            String expectedReason = scenario.error() == null ? null : scenario.error().errorReason();
            if (response != null && !java.util.Objects.equals(expectedReason, reasonHeader)) {
                problems.add("X-Fulcrum-Error-Reason: " + reasonHeader + ", expected " + expectedReason);
            }
            if (record == null) {
                problems.add("the balancer logged no exchange");
            } else {
                if (record.elbStatus() != scenario.status()) {
                    problems.add("logged elb_status_code " + record.elbStatus() + ", expected " + scenario.status());
                }
                if (record.error() != scenario.error()) {
                    problems.add("logged error_reason " + record.errorReason() + ", expected " + expectedReason);
                }
                if (scenario.classification() != null && record.classification().reason() != scenario.classification()) {
                    problems.add("logged classification_reason " + record.classification().reason().code()
                            + ", expected " + scenario.classification().code());
                }
            }
        } catch (Exception | AssertionError e) {
            problems.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new Result(scenario, problems.isEmpty(), clientStatus, connection, record, problems,
                (System.nanoTime() - start) / 1_000_000, record == null ? null : ALB.format(record), port);
    }

    /** The first record with the expected status; earlier exchanges of the scenario (warm-ups) are skipped. */
    private static ExchangeRecord awaitRecord(LabBench bench, int status) throws InterruptedException {
        ExchangeRecord last = null;
        ExchangeRecord r;
        while ((r = bench.nextRecord()) != null) {
            last = r;
            if (r.elbStatus() == status) {
                return r;
            }
        }
        return last;
    }
}
