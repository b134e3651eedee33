package dev.fulcrum.desync;

/**
 * Header names that a lenient server could read as {@code Content-Length} or {@code Transfer-Encoding} although
 * they are not exactly that ({@code Transfer_Encoding}, {@code Content-Length } with a space, look-alike letters):
 * what the classifier calls SuspiciousHeader. A proxy must never pass such a field on, whatever the mode: the
 * target could frame the body by it where the proxy did not.
 */
public final class FramingNames {

    private FramingNames() {
    }

    /** Whether the name {@code raw[from, to)} resembles a framing header without being one. */
    public static boolean isLookAlike(byte[] raw, int from, int to) {
        HeaderNames.Kind kind = HeaderNames.kind(raw, from, to, ByteClass.mask(raw, from, to));
        return kind == HeaderNames.Kind.LIKE_CONTENT_LENGTH || kind == HeaderNames.Kind.LIKE_TRANSFER_ENCODING;
    }
}
