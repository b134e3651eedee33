package dev.fulcrum.desync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Thousands of damaged heads, the same every run (seeded): bytes flipped, delimiters and odd bytes inserted, lines
 * cut short or repeated. Whatever comes in, the classifier answers with a classification that agrees with itself.
 */
class DesyncClassifierFuzzTest {

    private static final long SEED = 0x5EED_DE5CL;
    private static final int HEADS = 20_000;
    private static final byte[] INSERTED = {'\r', '\n', 0, ' ', '\t', ':', ',', ';', (byte) 0x80, (byte) 0xA0,
        (byte) 0xC5, (byte) 0xBF, (byte) 0xFF};
    private static final List<String> SEEDS = List.of(Heads.BROWSER, Heads.SUSPICIOUS,
            "POST /upload HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\nContent-Length: 10\r\n\r\n",
            "GET / HTTP/1.0\nContent-Type: text/plain;\n charset=utf-8\n\n",
            "GET /a HTTP/1.1\r\nHost: x\r\n\r\n");

    @Test
    void neverThrowsAndAlwaysAnswersOnDamagedRawHeads() {
        SplittableRandom random = new SplittableRandom(SEED);
        Set<Reason> seen = EnumSet.noneOf(Reason.class);
        for (int n = 0; n < HEADS; n++) {
            byte[] head = mutate(Heads.bytes(SEEDS.get(random.nextInt(SEEDS.size()))), random);
            int offset = random.nextInt(4);
            byte[] framed = new byte[head.length + offset + random.nextInt(4)];
            Arrays.fill(framed, (byte) '\n');
            System.arraycopy(head, 0, framed, offset, head.length);

            Classification verdict = DesyncClassifier.classify(framed, offset, head.length);

            assertConsistent(verdict, head);
            assertThat(DesyncClassifier.classify(head, 0, head.length)).as("the same bytes elsewhere")
                    .isEqualTo(verdict);
            seen.add(verdict.reason());
        }
        // Damage of this kind reaches most reasons (23 of 26 with this seed): the mutations do reach the rules.
        assertThat(seen).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void neverThrowsAndAlwaysAnswersOnDamagedSplitRequests() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int n = 0; n < HEADS / 4; n++) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (int h = random.nextInt(6); h > 0; h--) {
                headers.add(Map.entry(text(random, "Content-Length"), text(random, "chunked, 10")));
            }
            String method = text(random, "GET");
            String uri = text(random, "/a/b?c");
            String version = text(random, "HTTP/1.1");

            Classification verdict = DesyncClassifier.classify(method, uri, version, headers);

            assertConsistent(verdict, (method + " " + uri + " " + version + " " + headers).getBytes());
        }
    }

    @Test
    void answersOnEveryHeadOfOneToThreeBytes() {
        byte[] head = new byte[3];
        for (int length = 0; length <= 3; length++) {
            for (int combination = 0; combination < 1 << (8 * length); combination += length == 3 ? 31 : 1) {
                for (int i = 0; i < length; i++) {
                    head[i] = (byte) (combination >> (8 * i));
                }
                assertConsistent(DesyncClassifier.classify(head, 0, length), Arrays.copyOf(head, length));
            }
        }
    }

    private static void assertConsistent(Classification verdict, byte[] input) {
        assertThat(verdict).as(Detail.quoted(input, 0, input.length)).isNotNull();
        assertThat(verdict.tier()).as(verdict.toString()).isEqualTo(verdict.reason().tier());
    }

    private static byte[] mutate(byte[] head, SplittableRandom random) {
        byte[] b = head;
        for (int m = 1 + random.nextInt(4); m > 0; m--) {
            int at = random.nextInt(b.length + 1);
            b = switch (random.nextInt(5)) {
                case 0 -> flip(b, Math.min(at, b.length - 1), random);
                case 1 -> insert(b, at, INSERTED[random.nextInt(INSERTED.length)]);
                case 2 -> Arrays.copyOf(b, at); // cut
                case 3 -> duplicateLine(b, at);
                default -> insert(b, at, (byte) random.nextInt(256));
            };
            if (b.length == 0) {
                return b;
            }
        }
        return b;
    }

    private static byte[] flip(byte[] b, int at, SplittableRandom random) {
        byte[] copy = b.clone();
        copy[at] ^= (byte) (1 << random.nextInt(8));
        return copy;
    }

    private static byte[] insert(byte[] b, int at, byte inserted) {
        byte[] copy = new byte[b.length + 1];
        System.arraycopy(b, 0, copy, 0, at);
        copy[at] = inserted;
        System.arraycopy(b, at, copy, at + 1, b.length - at);
        return copy;
    }

    /** Repeats the line that holds {@code at} just after itself. */
    private static byte[] duplicateLine(byte[] b, int at) {
        int start = at;
        while (start > 0 && b[start - 1] != '\n') {
            start--;
        }
        int end = at;
        while (end < b.length && b[end++] != '\n') {
            // to the byte after the line's LF
        }
        byte[] copy = new byte[b.length + end - start];
        System.arraycopy(b, 0, copy, 0, end);
        System.arraycopy(b, start, copy, end, b.length - start);
        return copy;
    }

    /** {@code base} with a few chars replaced or added, control chars and chars above one byte among them. */
    private static String text(SplittableRandom random, String base) {
        StringBuilder s = new StringBuilder(base);
        for (int m = random.nextInt(4); m > 0; m--) {
            char c = switch (random.nextInt(4)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) random.nextInt(0x100);
                case 2 -> (char) random.nextInt(0x10000);
                default -> "_- :,;\t".charAt(random.nextInt(7));
            };
            int at = random.nextInt(s.length() + 1);
            if (at < s.length() && random.nextBoolean()) {
                s.setCharAt(at, c);
            } else {
                s.insert(at, c);
            }
        }
        return s.toString();
    }
}
