package dev.fulcrum.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * One self-contained HTML page: the diagnosis as JSON inside it, and a small script that draws the charts
 * (statuses over time by who made them, errors by target, latency per minute) as inline SVG and lays out the
 * findings and tables. Nothing is loaded from elsewhere, so the file can be mailed or opened offline.
 */
final class HtmlReport {

    private static final String TEMPLATE = load();
    private static final String PLACEHOLDER = "/*DIAGNOSIS*/null";

    private HtmlReport() {
    }

    static String render(Diagnosis d, String json) {
        // Inside <script>, "</" would end the element: JSON allows "<\/" for it.
        return TEMPLATE.replace(PLACEHOLDER, json.replace("</", "<\\/").trim());
    }

    private static String load() {
        try (InputStream in = HtmlReport.class.getResourceAsStream("report.html")) {
            if (in == null) {
                throw new IllegalStateException("report.html is missing from the jar");
            }
            String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!page.contains(PLACEHOLDER)) {
                throw new IllegalStateException("report.html has no " + PLACEHOLDER);
            }
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
