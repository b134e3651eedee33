package dev.fulcrum.desync;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Classifies request heads as ALB and CLB do with http-desync-guardian: a {@link Tier} and the {@link Reason} of
 * the finding that set it, the first of the most severe ones. Pure code: no I/O, no state, safe from any thread.
 * Neither entry point throws on any content: a head that cannot be read is a finding like any other.
 */
public final class DesyncClassifier {

    private DesyncClassifier() {
    }

    /**
     * One request head from its raw bytes as received: {@code raw[offset, offset + length)} from the first byte of
     * the request line through the empty line that ends the head (CRLF CRLF, or bare LF line ends). Bytes after
     * that empty line are not read. What only the raw bytes show (line ends, folding, missing colon or target, a
     * head cut short) is judged too.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code raw}: a caller's bug, not content
     */
    public static Classification classify(byte[] raw, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, raw.length);
        return RawHead.classify(raw, offset, offset + length);
    }

    /**
     * A request already split into its parts, each char one byte as received (ISO-8859-1), as http-desync-guardian's
     * test cases give them: {@code version} is empty for HTTP/0.9; a header value is what follows the colon, with
     * its whitespace. A null part counts as empty.
     */
    public static Classification classify(String method, String uri, String version,
            List<? extends Map.Entry<String, String>> headers) {
        return SplitHead.classify(method, uri, version, headers);
    }
}
