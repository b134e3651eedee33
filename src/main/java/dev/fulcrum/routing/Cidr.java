package dev.fulcrum.routing;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A CIDR block pre-parsed into network and mask bytes (4 for IPv4, 16 for IPv6), so matching a client is a few
 * byte comparisons with no allocation beyond {@link InetAddress#getAddress()}.
 */
final class Cidr {

    private static final int IPV4_MAPPED_PREFIX_BITS = 96;

    private final String text;
    private final byte[] network;
    private final byte[] mask;

    private Cidr(String text, byte[] network, byte[] mask) {
        this.text = text;
        this.network = network;
        this.mask = mask;
    }

    /**
     * Parses {@code 10.0.0.0/8} or {@code 2001:db8::/32}. Host bits are ignored. An IPv4-mapped block such as
     * {@code ::ffff:10.0.0.0/104} becomes the IPv4 block {@code 10.0.0.0/8}, since mapped clients match as IPv4.
     *
     * @throws IllegalArgumentException when {@code text} is not a CIDR block (the validator should have said so)
     */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("source-ip: " + text + " (expected: a CIDR block such as 10.0.0.0/8)");
        }
        String address = text.substring(0, slash);
        byte[] bytes = address.indexOf(':') >= 0 ? parseIpv6(text, address) : parseIpv4(text, address);
        int prefix = parseDecimal(text, text.substring(slash + 1), address.indexOf(':') >= 0 ? 128 : 32);
        if (bytes.length == 4 && address.indexOf(':') >= 0) {
            if (prefix < IPV4_MAPPED_PREFIX_BITS) {
                throw new IllegalArgumentException("source-ip: " + text + " (expected: a prefix of at least /96 "
                        + "for an IPv4-mapped block)");
            }
            prefix -= IPV4_MAPPED_PREFIX_BITS;
        }
        byte[] mask = new byte[bytes.length];
        for (int i = 0; i < mask.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - 8 * i));
            mask[i] = (byte) (0xff << (8 - bits));
            bytes[i] &= mask[i];
        }
        return new Cidr(text, bytes, mask);
    }

    private static byte[] parseIpv4(String text, String address) {
        String[] octets = address.split("\\.", -1);
        if (octets.length != 4) {
            throw invalid(text);
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) parseDecimal(text, octets[i], 255);
        }
        return bytes;
    }

    /**
     * Only a string of hex digits, colons and dots that starts with a hex digit or a colon reaches
     * {@link InetAddress}, so the JDK parses it as a literal and never asks DNS.
     */
    private static byte[] parseIpv6(String text, String address) {
        if (address.charAt(0) != ':' && Character.digit(address.charAt(0), 16) < 0) {
            throw invalid(text);
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c != ':' && c != '.' && Character.digit(c, 16) < 0) {
                throw invalid(text);
            }
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            return parsed.getAddress(); // the JDK itself turns ::ffff:a.b.c.d into 4 bytes
        } catch (UnknownHostException e) {
            throw invalid(text);
        }
    }

    private static int parseDecimal(String text, String digits, int max) {
        if (digits.isEmpty() || digits.length() > 3) {
            throw invalid(text);
        }
        int value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(text);
            }
            value = value * 10 + (c - '0');
        }
        if (value > max) {
            throw invalid(text);
        }
        return value;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("source-ip: " + text + " (expected: an IPv4 or IPv6 CIDR block)");
    }

    /**
     * Whether {@code address} (4 or 16 bytes, IPv4-mapped IPv6 already turned into IPv4 by the caller) lies in this
     * block. An IPv4 address never lies in an IPv6 block, nor the other way round.
     */
    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        for (int i = 0; i < address.length; i++) {
            if ((byte) (address[i] & mask[i]) != network[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
