package dev.fulcrum.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fulcrum.config.LoadBalancerAttributes;
import dev.fulcrum.config.TargetConfig;
import dev.fulcrum.lab.RawHttpClient;
import dev.fulcrum.lab.RefusedPort;
import dev.fulcrum.testing.TestBalancer;
import dev.fulcrum.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fulcrum diagnose} as a user types it: the JSON shape scripts rely on, the options, --live. */
class DiagnoseCommandTest {

    private static final String LINE = "http 2026-11-30T09:41:07.123456Z app/shop/1541362b9b384ff6 10.0.0.7:51234"
            + " 10.0.1.11:8000 -1 -1 -1 504 - 152 366 \"GET http://shop.example:80/cart?item=42 HTTP/1.1\""
            + " \"curl/8.5.0\" - - arn:aws:elasticloadbalancing:local:000000000000:targetgroup/web/5c9c106bfa3b0ab5"
            + " \"Root=1-674ad6a3-0123456789abcdef01234567\" \"-\" \"-\" 10 2026-11-30T09:40:37.122000Z \"forward\""
            + " \"-\" \"-\" \"10.0.1.11:8000\" \"-\" \"-\" \"-\" TID_4a3f0e8c1b2d4e6f8a9b0c1d2e3f4a5b";

    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void printsTheJsonShapeScriptsRelyOn() throws Exception {
        Path log = dir.resolve("alb.log");
        Files.writeString(log, LINE + "\nnot a line\n");
        CommandRun r = run("diagnose", "--format", "json", "--idle-timeout", "30", log.toString());

        assertThat(r.exit()).isZero();
        JsonNode d = new ObjectMapper().readTree(r.out());
        assertThat(d.path("lines").asLong()).isEqualTo(2);
        assertThat(d.path("unparsed").path("count").asLong()).isEqualTo(1);
        assertThat(d.path("unparsed").path("examples").get(0).path("line").asLong()).isEqualTo(2);
        JsonNode status = d.path("statuses").get(0);
        assertThat(status.path("status").asInt()).isEqualTo(504);
        assertThat(status.path("balancer").asLong()).isEqualTo(1);
        assertThat(status.path("target").asLong()).isZero();
        JsonNode f = d.path("findings").get(0);
        assertThat(f.path("status").asInt()).isEqualTo(504);
        assertThat(f.path("source").asText()).isEqualTo("balancer");
        assertThat(f.path("cause").asText()).isEqualTo("TargetIdleTimeout");
        assertThat(f.path("count").asLong()).isEqualTo(1);
        assertThat(f.path("share").asDouble()).isEqualTo(1.0);
        assertThat(f.path("targets").get(0).path("target").asText()).isEqualTo("10.0.1.11:8000");
        assertThat(f.path("targets").get(0).path("count").asLong()).isEqualTo(1);
        assertThat(f.path("evidence").get(0).asText()).contains("idle timeout (30 s)");
        assertThat(f.path("remedies")).isNotEmpty();
    }

    @Test
    void takesTheTimeoutsFromAFulcrumConfigurationFile() throws Exception {
        Path config = dir.resolve("fulcrum.yaml");
        Files.writeString(config, """
                loadBalancer:
                  attributes:
                    idle_timeout.timeout_seconds: 30
                    routing.http.target_connect_timeout_seconds: 5
                listeners:
                  - port: 8080
                    defaultActions:
                      - type: forward
                        targetGroup: web
                targetGroups:
                  - name: web
                    targets:
                      - {id: 127.0.0.1, port: 9001}
                """);
        Path log = dir.resolve("alb.log");
        Files.writeString(log, LINE + "\n");
        CommandRun r = run("diagnose", "--config", config.toString(), log.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("idle 30 s, target connect 5 s").contains("504 TargetIdleTimeout (likely)");
    }

    @Test
    void writesAnHtmlPageAndRefusesATimeItCannotRead() throws Exception {
        Path log = dir.resolve("alb.log");
        Files.writeString(log, LINE + "\n");
        Path page = dir.resolve("report.html");
        assertThat(run("diagnose", "--format", "html", "-o", page.toString(), log.toString()).exit()).isZero();
        assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>").contains("TargetIdleTimeout");

        CommandRun bad = run("diagnose", "--from", "yesterday", log.toString());
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("ISO 8601");
        assertThat(run("diagnose", "--to", "2026-11-30T09:00", log.toString()).out())
                .contains("1 lines outside the time window");
    }

    @Test
    void explainsARunningBalancersTargetsAndCountersLive() {
        try (RefusedPort refused = RefusedPort.reserve()) {
            var group = TestConfigs.group("web", dev.fulcrum.config.Algorithm.ROUND_ROBIN, List.of(
                    new TargetConfig("127.0.0.1", refused.port(), TargetConfig.DEFAULT_WEIGHT)));
            try (TestBalancer lb = TestBalancer.start(TestConfigs.config(LoadBalancerAttributes.defaults(),
                    TestConfigs.listener(List.of(), TestConfigs.forward("web")), group));
                    RawHttpClient client = lb.connect()) {
                assertThat(client.send("GET / HTTP/1.1\r\nHost: shop\r\n\r\n").readResponse().status())
                        .isEqualTo(502);
                lb.log().awaitRecord(1); // counted in the metrics before it is logged
                String admin = "http://127.0.0.1:" + lb.fulcrum().adminAddress().getPort();

                CommandRun r = run("diagnose", "--live", admin);
                assertThat(r.exit()).as(r.err()).isZero();
                assertThat(r.out()).contains("127.0.0.1:" + refused.port())
                        .contains("502 TargetConnectionRefused (1, made by the balancer)")
                        .contains("fix: Check that the application runs and listens on the target port.");

                CommandRun json = run("diagnose", "--live", admin, "--format", "json");
                assertThat(json.out()).contains("\"cause\" : \"TargetConnectionRefused\"");
            }
        }
        assertThat(run("diagnose", "--live", "http://127.0.0.1:1").exit()).isEqualTo(1);
    }
}
