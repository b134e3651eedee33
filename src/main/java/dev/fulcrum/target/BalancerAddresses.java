package dev.fulcrum.target;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;

/**
 * The addresses the balancer's listeners are bound to. A target at one of them is the balancer itself: forwarding
 * there would send each request back in, again and again, until connections run out. ALB refuses such a target as
 * {@code unused} with {@code Target.IpUnusable}; so does Fulcrum.
 */
public final class BalancerAddresses {

    public static final BalancerAddresses NONE = new BalancerAddresses(List.of());

    private final List<InetSocketAddress> bound;

    private BalancerAddresses(List<InetSocketAddress> bound) {
        this.bound = bound;
    }

    /** The listeners' bound addresses (with their real ports, also for those configured with port 0). */
    public static BalancerAddresses of(List<InetSocketAddress> bound) {
        return new BalancerAddresses(List.copyOf(bound));
    }

    /**
     * Whether a connection to {@code target} would reach one of the listeners: the same address and port, or the
     * same port on a listener bound to every address (0.0.0.0, ::) when the target's address is one of this
     * machine's.
     */
    public boolean contains(InetSocketAddress target) {
        for (InetSocketAddress listener : bound) {
            if (listener.getPort() != target.getPort()) {
                continue;
            }
            InetAddress address = listener.getAddress();
            if (address.equals(target.getAddress())
                    || address.isAnyLocalAddress() && isThisMachine(target.getAddress())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isThisMachine(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(a) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
