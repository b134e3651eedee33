package dev.fulcrum.desync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A measurement aid, not a test: classifies the test cases of http-desync-guardian (its {@code tests/*.yaml}, from
 * the folder given as argument) with the split entry point and prints, per file, how many agree with the expected
 * tier and reason, then each that does not with both verdicts. Each case is also written as a raw head and
 * classified by the raw entry point, checked as the library's own suite checks its raw parser: the same tier,
 * unless the raw verdict is one a raw head of those parts is bound to add (a fold, a space in the target).
 *
 * <p>The cases' text is turned into bytes as the library's suite does: its own escapes ({@code \x01}, {@code \t})
 * resolved to chars, then the chars as UTF-8.
 *
 * <pre>bench/desync-cases.sh DIR</pre>
 */
public final class DesyncCases {

    /** The raw verdicts the library's suite lets differ in tier from the expected one. */
    private static final Set<Reason> RAW_ONLY = Set.of(Reason.MULTILINE_HEADER, Reason.MISSING_HEADER_COLON,
            Reason.SPACE_IN_URI, Reason.AMBIGUOUS_URI, Reason.NON_CR_LF_LINE_TERMINATION);

    private DesyncCases() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DesyncCases DIR   (DIR holds http-desync-guardian's tests/*.yaml)");
            System.exit(2);
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of(args[0]))) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        int total = 0;
        int splitAgree = 0;
        int rawAgree = 0;
        List<String> disagreements = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        for (Path file : files) {
            int cases = 0;
            int split = 0;
            int raw = 0;
            for (JsonNode c : yaml.readTree(file.toFile())) {
                cases++;
                String name = c.path("name").asText();
                String method = bytes(text(c, "method"));
                String uri = bytes(text(c, "uri"));
                String version = bytes(text(c, "version"));
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                for (JsonNode h : c.path("headers")) {
                    headers.add(new SimpleEntry<>(bytes(text(h, "name")), bytes(text(h, "value"))));
                }
                String expectedTier = c.path("expected").path("tier").asText();
                String expectedReason = c.path("expected").path("reason").asText();
                Classification verdict = DesyncClassifier.classify(method, uri, version, headers);
                boolean agrees = tierName(verdict.tier()).equals(expectedTier)
                        && reasonName(verdict.reason()).equals(expectedReason);
                split += agrees ? 1 : 0;
                Classification rawVerdict = classifyRaw(method, uri, version, headers);
                boolean rawAgrees = RAW_ONLY.contains(rawVerdict.reason()) ? !verdict.isCompliant()
                        : tierName(rawVerdict.tier()).equals(expectedTier);
                raw += rawAgrees ? 1 : 0;
                if (!agrees || !rawAgrees) {
                    disagreements.add(file.getFileName() + ": " + name + "\n    expected " + expectedTier + " "
                            + expectedReason + "\n    split    " + show(verdict) + (agrees ? "" : "   <- differs")
                            + "\n    raw      " + show(rawVerdict) + (rawAgrees ? "" : "   <- differs"));
                }
            }
            System.out.printf("%-32s %3d cases: %3d agree (split, tier and reason), %3d (raw, tier)%n",
                    file.getFileName(), cases, split, raw);
            total += cases;
            splitAgree += split;
            rawAgree += raw;
        }
        System.out.printf("%-32s %3d cases: %3d agree (split, tier and reason), %3d (raw, tier)%n", "all", total,
                splitAgree, rawAgree);
        for (String d : disagreements) {
            System.out.println();
            System.out.println(d);
        }
    }

    private static Classification classifyRaw(String method, String uri, String version,
            List<Map.Entry<String, String>> headers) {
        StringBuilder head = new StringBuilder().append(method).append(' ').append(uri).append(' ').append(version)
                .append("\r\n");
        for (Map.Entry<String, String> h : headers) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        byte[] raw = head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        return DesyncClassifier.classify(raw, 0, raw.length);
    }

    private static String show(Classification c) {
        String detail = c.detail().isEmpty() ? "" : " (" + c.detail() + ")";
        return tierName(c.tier()) + " " + reasonName(c.reason()) + detail;
    }

    private static String tierName(Tier tier) {
        return tier == Tier.COMPLIANT ? "Compliant" : tier.logValue();
    }

    private static String reasonName(Reason reason) {
        return reason == Reason.NONE ? "Compliant" : reason.code();
    }

    /** A field as the library's suite reads it: a string, or an integer written as one; escapes resolved. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isTextual()) {
            return unescape(value.textValue());
        }
        if (value.isIntegralNumber()) {
            return value.asText();
        }
        throw new IllegalArgumentException("field " + field + " is neither a string nor an integer: " + value);
    }

    /**
     * The suite's escapes: {@code \xHH} (a char of that code), {@code \b \f \n \r \t}, and a backslash before any
     * other char, which stands for that char.
     */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'x' -> {
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    /** The chars as the suite hands them over: UTF-8 bytes, each then one char of the classifier's input. */
    private static String bytes(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }
}
