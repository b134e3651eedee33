package dev.fulcrum.cli;

import dev.fulcrum.admin.TargetHealthResource;
import dev.fulcrum.diagnose.LiveDiagnosis;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code fulcrum diagnose --live URL}: reads target health and the metrics from a running Fulcrum's admin endpoint
 * (twice, {@code window} seconds apart, when a window is asked for) and prints the explanation.
 */
final class LiveCheck {

    private final String admin;
    private final int windowSeconds;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    LiveCheck(String admin, int windowSeconds) {
        this.admin = admin.replaceAll("/+$", "");
        this.windowSeconds = windowSeconds;
    }

    int run(PrintStream out, PrintStream err, boolean json) throws InterruptedException {
        try {
            String before = null;
            if (windowSeconds > 0) {
                before = get("/metrics");
                err.println("counting for " + windowSeconds + " s ...");
                Thread.sleep(windowSeconds * 1000L);
            }
            String metrics = get("/metrics");
            String health = get(TargetHealthResource.PATH);
            LiveDiagnosis d = LiveDiagnosis.of(health, metrics, before, windowSeconds);
            out.print(json ? d.json() : d.text());
            out.flush();
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("Cannot read " + admin + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()) + " (is Fulcrum running, and is this its admin.listen?)");
            return 1;
        }
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(admin + path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(path + ": HTTP " + r.statusCode());
        }
        return r.body();
    }
}
