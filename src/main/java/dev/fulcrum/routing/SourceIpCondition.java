package dev.fulcrum.routing;

import java.net.InetAddress;
import java.util.List;

/**
 * {@code source-ip}: the connection's peer address against CIDR blocks. An IPv4-mapped IPv6 peer
 * ({@code ::ffff:a.b.c.d}, what a dual-stack socket reports for an IPv4 client) matches as the IPv4 address it is.
 */
final class SourceIpCondition implements Condition {

    private final Cidr[] blocks;

    SourceIpCondition(List<String> values) {
        blocks = values.stream().map(Cidr::parse).toArray(Cidr[]::new);
    }

    @Override
    public boolean matches(RequestView request) {
        InetAddress source = request.sourceAddress();
        if (source == null) {
            return false;
        }
        byte[] address = unmapped(source.getAddress());
        for (Cidr block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The last 4 bytes of an IPv4-mapped IPv6 address; any other address unchanged. */
    static byte[] unmapped(byte[] address) {
        if (address.length != 16 || address[10] != (byte) 0xff || address[11] != (byte) 0xff) {
            return address;
        }
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return address;
            }
        }
        return new byte[] {address[12], address[13], address[14], address[15]};
    }

    @Override
    public String toString() {
        return "source-ip " + List.of(blocks);
    }
}
