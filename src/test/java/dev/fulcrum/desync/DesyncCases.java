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
    /**
     * Reasons a raw head may be read into where the library's split case says otherwise (a bare LF, a space or a
     * line break in a field of the split case makes other lines of the raw head): the library's own test asks only
     * that such a raw reading is not Compliant.
     */
    public static final Set<Reason> RAW_ONLY = Set.of(Reason.MULTILINE_HEADER, Reason.MISSING_HEADER_COLON,
            Reason.SPACE_IN_URI, Reason.AMBIGUOUS_URI, Reason.NON_CR_LF_LINE_TERMINATION);

    private DesyncCases() {
    }

    /**
     * One of the library's test cases, its text turned into bytes (one char each).
     *
     * @param tier the expected tier as the library writes it ({@code Compliant}, {@code Acceptable}, ...)
     */
    public record Case(String file, String name, String method, String uri, String version,
            List<Map.Entry<String, String>> headers, String tier, String reason) {

        /** The case written as a raw request head, as a client would send it. */
        public byte[] rawHead() {
            StringBuilder head = new StringBuilder().append(method).append(' ').append(uri).append(' ')
                    .append(version).append("\r\n");
            for (Map.Entry<String, String> h : headers) {
                head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
            return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Every case of the {@code *.yaml} files in {@code dir}, file by file in name order. */
    public static List<Case> cases(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        List<Case> cases = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        for (Path file : files) {
            for (JsonNode c : yaml.readTree(file.toFile())) {
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                for (JsonNode h : c.path("headers")) {
                    headers.add(new SimpleEntry<>(bytes(text(h, "name")), bytes(text(h, "value"))));
                }
                cases.add(new Case(file.getFileName().toString(), c.path("name").asText(), bytes(text(c, "method")),
                        bytes(text(c, "uri")), bytes(text(c, "version")), headers,
                        c.path("expected").path("tier").asText(), c.path("expected").path("reason").asText()));
            }
        }
        return cases;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: DesyncCases DIR   (DIR holds http-desync-guardian's tests/*.yaml)");
            System.exit(2);
        }
        Map<String, int[]> perFile = new java.util.TreeMap<>();
        List<String> disagreements = new ArrayList<>();
        for (Case c : cases(Path.of(args[0]))) {
            int[] counts = perFile.computeIfAbsent(c.file(), f -> new int[3]);
            counts[0]++;
            Classification verdict = DesyncClassifier.classify(c.method(), c.uri(), c.version(), c.headers());
            boolean agrees = tierName(verdict.tier()).equals(c.tier()) && reasonName(verdict.reason()).equals(c.reason());
            counts[1] += agrees ? 1 : 0;
            byte[] raw = c.rawHead();
            Classification rawVerdict = DesyncClassifier.classify(raw, 0, raw.length);
            boolean rawAgrees = RAW_ONLY.contains(rawVerdict.reason()) ? !verdict.isCompliant()
                    : tierName(rawVerdict.tier()).equals(c.tier());
            counts[2] += rawAgrees ? 1 : 0;
            if (!agrees || !rawAgrees) {
                disagreements.add(c.file() + ": " + c.name() + "\n    expected " + c.tier() + " " + c.reason()
                        + "\n    split    " + show(verdict) + (agrees ? "" : "   <- differs")
                        + "\n    raw      " + show(rawVerdict) + (rawAgrees ? "" : "   <- differs"));
            }
        }
        int[] all = new int[3];
        perFile.forEach((file, n) -> {
            System.out.printf("%-32s %3d cases: %3d agree (split, tier and reason), %3d (raw, tier)%n", file, n[0],
                    n[1], n[2]);
            for (int i = 0; i < 3; i++) {
                all[i] += n[i];
            }
        });
        System.out.printf("%-32s %3d cases: %3d agree (split, tier and reason), %3d (raw, tier)%n", "all", all[0],
                all[1], all[2]);
        for (String d : disagreements) {
            System.out.println();
            System.out.println(d);
        }
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
