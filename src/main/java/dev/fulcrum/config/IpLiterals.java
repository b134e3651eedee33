package dev.fulcrum.config;

import java.util.Optional;

/**
 * Parses IPv4 and IPv6 literals and CIDR blocks by hand: {@code InetAddress.getByName} would look a hostname up
 * in DNS, and loading a configuration must not do I/O nor accept names.
 */
final class IpLiterals {

    private IpLiterals() {
    }

    /** The address's bytes (4 or 16), or empty when {@code text} is not a dotted quad nor an IPv6 literal. */
    static Optional<byte[]> parse(String text) {
        byte[] bytes = text.indexOf(':') >= 0 ? v6(text) : v4(text);
        return Optional.ofNullable(bytes);
    }

    /** Whether {@code text} is {@code address/prefix} with a prefix that fits the address family. */
    static boolean isCidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return false;
        }
        Optional<byte[]> address = parse(text.substring(0, slash));
        String prefix = text.substring(slash + 1);
        if (address.isEmpty() || !prefix.matches("0|[1-9][0-9]{0,2}")) {
            return false;
        }
        return Integer.parseInt(prefix) <= address.get().length * 8;
    }

    /** Whether the bytes are {@code 0.0.0.0} or {@code ::}, which bind every address. */
    static boolean isWildcard(byte[] address) {
        for (byte b : address) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] v4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            // No leading zeros: "010" is octal to some parsers and decimal to others.
            if (!parts[i].matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(parts[i]) > 255) {
                return null;
            }
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return bytes;
    }

    private static byte[] v6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        byte[] head = gap < 0 ? groups(text, true) : groups(text.substring(0, gap), false);
        byte[] tail = gap < 0 ? new byte[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null) {
            return null;
        }
        int given = head.length + tail.length;
        if (gap < 0 ? given != 16 : given > 14) {
            return null;
        }
        byte[] bytes = new byte[16];
        System.arraycopy(head, 0, bytes, 0, head.length);
        System.arraycopy(tail, 0, bytes, 16 - tail.length, tail.length);
        return bytes;
    }

    /** Colon-separated hex groups; the last one may be a dotted quad when {@code last} says this part ends it. */
    private static byte[] groups(String text, boolean last) {
        if (text.isEmpty()) {
            return new byte[0];
        }
        String[] parts = text.split(":", -1);
        byte[] bytes = new byte[parts.length * 2 + 2];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            if (last && i == parts.length - 1 && parts[i].indexOf('.') >= 0) {
                byte[] v4 = v4(parts[i]);
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, bytes, n, 4);
                n += 4;
            } else if (parts[i].matches("[0-9a-fA-F]{1,4}")) {
                int group = Integer.parseInt(parts[i], 16);
                bytes[n++] = (byte) (group >> 8);
                bytes[n++] = (byte) group;
            } else {
                return null;
            }
        }
        byte[] result = new byte[n];
        System.arraycopy(bytes, 0, result, 0, n);
        return result;
    }
}
