package dev.fulcrum.testing;

import dev.fulcrum.lab.RawHttpClient;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** Reads a running balancer's admin endpoint: a page, and the samples of its Prometheus scrape. */
public final class AdminPages {

    private AdminPages() {
    }

    /** {@code GET path} on the admin endpoint, on a connection of its own. */
    public static RawHttpClient.Response get(TestBalancer lb, String path) {
        try (RawHttpClient c = RawHttpClient.connect(lb.fulcrum().adminAddress())) {
            return c.get(path).readResponse();
        }
    }

    /**
     * Scrapes {@code /metrics} until the samples {@code name} with {@code labelPart} sum to {@code expected} (up to
     * 10 s), and returns that scrape: an exchange's record reaches the test's log before the metrics count it.
     */
    public static String awaitSample(TestBalancer lb, String name, String labelPart, double expected) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> get(lb, "/metrics").bodyText(), scrape -> sample(scrape, name, labelPart) == expected);
    }

    /** The sum of the samples named {@code name} whose labels contain {@code labelPart}; 0 when there is none. */
    public static double sample(String scrape, String name, String labelPart) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains(labelPart)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
