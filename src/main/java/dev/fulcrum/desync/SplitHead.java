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

    private SplitHead(int capacity) {
        bytes = new byte[capacity];
    }

    static Classification classify(String method, String uri, String version,
            List<? extends Map.Entry<String, String>> headers) {
        int count = headers == null ? 0 : headers.size();
        SplitHead parts = new SplitHead(64 + length(method) + length(uri) + length(version) + 32 * count);
        // bounds[k] is where part k starts: method, target, version, then each name and value; the last entry ends
        // the last part.
        int[] bounds = new int[4 + 2 * count];
        bounds[0] = 0;
        bounds[1] = parts.add(method);
        bounds[2] = parts.add(uri);
        bounds[3] = parts.add(version);
        for (int h = 0; h < count; h++) {
            Map.Entry<String, String> header = headers.get(h);
            bounds[4 + 2 * h] = parts.add(header == null ? null : header.getKey());
            bounds[5 + 2 * h] = parts.add(header == null ? null : header.getValue());
        }
        byte[] b = parts.bytes;
        Analysis analysis = new Analysis();
        analysis.requestLine(b, bounds[0], bounds[1], bounds[1], bounds[2], bounds[2], bounds[3]);
        for (int h = 0; h < count; h++) {
            int nameFrom = bounds[3 + 2 * h];
            int valueFrom = bounds[4 + 2 * h];
            int valueTo = bounds[5 + 2 * h];
            analysis.header(b, nameFrom, valueFrom, ByteClass.mask(b, nameFrom, valueFrom), valueFrom, valueTo,
                    ByteClass.mask(b, valueFrom, valueTo));
        }
        return analysis.verdict();
    }

    /** Appends {@code s} (null as empty); returns where the next part starts. */
    private int add(String s) {
        if (s == null) {
            return size;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= 0xFF) {
                put(c);
            } else if (c <= 0x7FF) {
                put(0xC0 | (c >> 6));
                put(0x80 | (c & 0x3F));
            } else {
                // Three bytes, a surrogate half too: the check needs bytes that are not ASCII, not valid UTF-8.
                put(0xE0 | (c >> 12));
                put(0x80 | ((c >> 6) & 0x3F));
                put(0x80 | (c & 0x3F));
            }
        }
        return size;
    }

    private void put(int c) {
        if (size == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[size++] = (byte) c;
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }
}
