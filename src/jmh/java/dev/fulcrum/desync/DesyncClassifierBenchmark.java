package dev.fulcrum.desync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The desync classifier on every request head: a browser's page request (441 bytes, 9 headers, compliant) and a
 * smuggling attempt of about its size (463 bytes, 11 headers, a look-alike Transfer-Encoding), from their raw bytes;
 * and the browser's request already split into parts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DesyncClassifierBenchmark {

    private final byte[] browser = Heads.bytes(Heads.BROWSER);
    private final byte[] suspicious = Heads.bytes(Heads.SUSPICIOUS);
    private final List<Map.Entry<String, String>> browserHeaders = headers(Heads.BROWSER);

    @Benchmark
    public Classification browserHead() {
        return DesyncClassifier.classify(browser, 0, browser.length);
    }

    @Benchmark
    public Classification suspiciousHead() {
        return DesyncClassifier.classify(suspicious, 0, suspicious.length);
    }

    @Benchmark
    public Classification browserRequestSplit() {
        return DesyncClassifier.classify("GET", "/api/orders?id=42&page=3", "HTTP/1.1", browserHeaders);
    }

    private static List<Map.Entry<String, String>> headers(String head) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(Map.entry(lines[i].substring(0, colon), lines[i].substring(colon + 1)));
        }
        return headers;
    }
}
