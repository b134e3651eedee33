package dev.fulcrum.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sockets the balancer will bind (listeners and the admin endpoint). Two that cannot both be bound are a
 * problem now rather than an "address in use" at start: the same address and port, or a wildcard address and
 * any address of its family on the same port ({@code ::} binds IPv4 too, as Java binds it dual-stack).
 */
final class Bindings {

    private record Bound(String path, String hostPort, byte[] address, int port) {
    }

    private final List<Bound> bound = new ArrayList<>();

    /** Records a socket of {@code owner}, or reports at {@code at} why it clashes with one recorded before. */
    void add(Node at, String owner, String host, byte[] address, int port) {
        if (port == 0) {
            return; // each port-0 socket gets its own free port
        }
        String hostPort = host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        for (Bound other : bound) {
            if (other.port != port) {
                continue;
            }
            if (Arrays.equals(other.address, address)) {
                at.problem("duplicate " + hostPort + " (also " + other.path + ")");
                return;
            }
            if (covers(other.address, address) || covers(address, other.address)) {
                at.problem(hostPort + " overlaps " + other.hostPort + " of " + other.path);
                return;
            }
        }
        bound.add(new Bound(owner, hostPort, address, port));
    }

    private static boolean covers(byte[] wildcard, byte[] address) {
        return IpLiterals.isWildcard(wildcard) && (wildcard.length == 16 || address.length == 4);
    }
}
