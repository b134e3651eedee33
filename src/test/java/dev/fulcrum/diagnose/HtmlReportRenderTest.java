package dev.fulcrum.diagnose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report renders in a real browser: headless chromium runs its script and the charts are in the DOM. */
class HtmlReportRenderTest {

    @TempDir
    Path dir;

    @Test
    void drawsTheChartsAndFindingsInHeadlessChromium() throws Exception {
        LogLines log = LogLines.alb();
        for (int i = 0; i < 120; i++) {
            log.ok(i, i % 2 == 0 ? "10.0.0.5:8080" : "10.0.0.6:8080", 0.01 + (i % 7) * 0.01);
            if (i % 4 == 0) {
                log.balancer(i + 0.5, 0.001, "10.0.0.7:8080", 502);
            }
            if (i % 30 == 0) {
                log.request(i + 0.2, 0.2, "10.0.0.6:8080", 500, 500, 0.2, "/api", "web");
            }
        }
        Diagnosis d = Diagnoses.of(log.text());
        Path page = dir.resolve("report.html");
        Files.writeString(page, Reports.html(d));

        String dom = Chromium.run(page, dir, "--dump-dom");

        assertThat(dom).contains("data-rendered=\"true\"");
        assertThat(count(dom, "<rect[^>]*class=\"bar\"")).as("bars drawn").isGreaterThan(3);
        assertThat(dom).contains("<svg").contains("class=\"timeline\"").contains("class=\"targets\"")
                .contains("<polyline");
        assertThat(dom).contains("TargetConnectionRefused").contains("10.0.0.7:8080");
        assertThat(count(dom, "class=\"finding ")).isEqualTo(d.findings().size());
    }

    @Test
    void keepsTheEmbeddedDataInsideItsScriptWhateverTheLogSays() {
        LogLines log = LogLines.alb().request(0, 0.1, "10.0.0.5:8080", 502, -1, -1, "/</script><b>x", "web");
        String html = Reports.html(Diagnoses.of(log.text()));

        assertThat(html).doesNotContain("/</script><b>").contains("<\\/script>");
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
