package dev.fulcrum.desync;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Classifies a request already split into method, target, version and headers. The parts are written into one
 * byte array, one byte per char (a char above 0xFF, which a byte cannot be, as its UTF-8 bytes, so that a name
 * written with a real {@code ı} or {@code ſ} is seen as those letters' bytes), and judged by the same rules as a
 * raw head, without the raw parser's own findings.
 */
final class SplitHead {

    private byte[] bytes;
    private int size;
    /** The OR of the byte classes of the part {@link #add} wrote last. */
    private int mask;

    private SplitHead(int capacity) {
        bytes = new byte[capacity];
    }

    static Classification classify(String method, String uri, String version,
            List<? extends Map.Entry<String, String>> headers) {
        int count = headers == null ? 0 : headers.size();
        SplitHead parts = new SplitHead(64 + length(method) + length(uri) + length(version) + 48 * count);
        // bounds[k] is where part k starts (method, target, version, then each name and value), the last entry where
        // the last part ends; masks[k] is the OR of part k's byte classes.
        int[] bounds = new int[4 + 2 * count];
        int[] masks = new int[3 + 2 * count];
        bounds[1] = parts.add(method);
        masks[0] = parts.mask;
        bounds[2] = parts.add(uri);
        masks[1] = parts.mask;
        bounds[3] = parts.add(version);
        masks[2] = parts.mask;
        for (int h = 0; h < count; h++) {
            Map.Entry<String, String> header = headers.get(h);
            bounds[4 + 2 * h] = parts.add(header == null ? null : header.getKey());
            masks[3 + 2 * h] = parts.mask;
            bounds[5 + 2 * h] = parts.add(header == null ? null : header.getValue());
            masks[4 + 2 * h] = parts.mask;
        }
        byte[] b = parts.bytes;
        Analysis analysis = new Analysis();
        analysis.requestLine(b, bounds[0], bounds[1], bounds[1], bounds[2], bounds[2], bounds[3]);
        for (int k = 3; k < 3 + 2 * count; k += 2) {
            analysis.header(b, bounds[k], bounds[k + 1], masks[k], bounds[k + 1], bounds[k + 2], masks[k + 1]);
        }
        return analysis.verdict();
    }

    /** Appends {@code s} (null as empty) and sets {@link #mask}; returns where the next part starts. */
    private int add(String s) {
        int n = length(s);
        byte[] out = room(n);
        int at = size;
        int m = 0;
        int chars = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            chars |= c;
            out[at + i] = (byte) c;
            m |= ByteClass.of((byte) c);
        }
        if (chars > 0xFF) {
            return addUtf8(s);
        }
        size = at + n;
        mask = m;
        return size;
    }

    /**
     * Appends {@code s} with its chars above 0xFF as UTF-8 (three bytes for a surrogate half too: the checks need
     * bytes that are not ASCII, not valid UTF-8).
     */
    private int addUtf8(String s) {
        byte[] out = room(3 * s.length());
        int at = size;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0xFF) {
                out[at++] = (byte) c;
            } else if (c <= 0x7FF) {
                out[at++] = (byte) (0xC0 | (c >> 6));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            } else {
                out[at++] = (byte) (0xE0 | (c >> 12));
                out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[at++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        mask = ByteClass.mask(out, size, at);
        size = at;
        return size;
    }

    /** The array, with room for {@code n} more bytes. */
    private byte[] room(int n) {
        if (bytes.length - size < n) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, size + n));
        }
        return bytes;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
