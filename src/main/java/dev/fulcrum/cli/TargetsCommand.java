package dev.fulcrum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fulcrum.admin.TargetHealthResource;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code fulcrum targets}: the health of every target of a running load balancer, read from its admin endpoint
 * and printed as a table like {@code aws elbv2 describe-target-health --output table}.
 */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = "Show every target's health (state, reason, description) of a running load balancer.")
final class TargetsCommand implements Callable<Integer> {

    private static final String[] HEADINGS = {"TARGET GROUP", "TARGET", "PORT", "STATE", "REASON", "DESCRIPTION"};

    @Option(names = "--admin", defaultValue = "127.0.0.1:9090", paramLabel = "ADDRESS",
            description = "The load balancer's admin endpoint: HOST:PORT as admin.listen writes it ([::1]:9090 for"
                    + " IPv6), or a URL (default: ${DEFAULT-VALUE}).")
    private String admin;

    @Option(names = "--group", paramLabel = "NAME", description = "Only this target group.")
    private String group;

    @Override
    public Integer call() throws InterruptedException {
        String url = adminUrl(admin) + TargetHealthResource.PATH
                + (group == null ? "" : "?group=" + URLEncoder.encode(group, StandardCharsets.UTF_8));
        JsonNode root;
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                System.err.println(url + ": HTTP " + response.statusCode() + " " + response.body());
                return 1;
            }
            root = new ObjectMapper().readTree(response.body());
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("Cannot read " + url + ": " + reason(e)
                    + " (is the load balancer running, and is --admin its admin.listen?)");
            return 1;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADINGS);
        for (JsonNode d : root.path("TargetHealthDescriptions")) {
            JsonNode health = d.path("TargetHealth");
            rows.add(new String[] {d.path("TargetGroupName").asText(), d.path("Target").path("Id").asText(),
                    d.path("Target").path("Port").asText(), health.path("State").asText(),
                    health.path("Reason").asText("-"), health.path("Description").asText("-")});
        }
        if (rows.size() == 1 && group != null) {
            System.err.println("No targets in target group '" + group + "'");
            return 1;
        }
        System.out.print(table(rows));
        for (JsonNode g : root.path("TargetGroups")) {
            if (g.path("RoutingFailover").asBoolean()) {
                JsonNode minimum = g.path("UnhealthyStateRoutingMinimumHealthyTargets");
                System.out.printf("%nTarget group %s is in routing failover: %d of %d target(s) healthy, below the"
                        + " minimum (count %s, percentage %s), so unhealthy targets receive requests too.%n",
                        g.path("TargetGroupName").asText(), g.path("HealthyTargetCount").asInt(),
                        g.path("ActiveTargetCount").asInt(), minimum.path("Count").asText(),
                        minimum.path("Percentage").asText());
            }
        }
        return 0;
    }

    /**
     * The admin endpoint's URL from {@code --admin}: {@code host:port} (as {@code admin.listen} writes it, an IPv6
     * host in brackets) is reached over http; a URL is taken as it is.
     */
    static String adminUrl(String admin) {
        String url = admin.contains("://") ? admin : "http://" + admin;
        return url.replaceAll("/+$", "");
    }

    /** Columns padded to their widest cell, two spaces apart. */
    static String table(List<String[]> rows) {
        int[] widths = new int[HEADINGS.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** The exception's message, or its kind when it has none (a refused connection has no message). */
    private static String reason(Exception e) {
        if (e instanceof java.net.ConnectException) {
            return "nothing accepts connections there";
        }
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }
}
