package dev.fulcrum.listener;

import dev.fulcrum.config.LoadBalancerAttributes;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * {@code client_connections.max_per_listener}: the configured maximum, or one worked out from the process's
 * file-descriptor limit, so that a flood of connections is refused at the door instead of running the process out
 * of descriptors (when every accept, target connection, health check and log file fails at once).
 */
final class ConnectionLimit {

    /** Descriptors kept for what is not a client connection: listeners, health checks, log files, the JVM's own. */
    static final int RESERVED_DESCRIPTORS = 256;
    /** The least a derived limit allows, whatever the descriptor limit says. */
    static final int MIN_DERIVED = 64;

    private ConnectionLimit() {
    }

    /** The configured maximum, or {@code derived} when the attributes leave it to the descriptor limit. */
    static int of(LoadBalancerAttributes attributes, int derived) {
        int configured = attributes.maxClientConnections();
        return configured != LoadBalancerAttributes.DERIVED ? configured : derived;
    }

    /** The derived maximum of one of {@code listeners} listeners in this process. */
    static int derived(int listeners) {
        return derived(descriptorLimit(), listeners);
    }

    /**
     * Each proxied client connection may hold a target connection too, so two descriptors; the listeners share
     * what is left after the reserve.
     */
    static int derived(long descriptorLimit, int listeners) {
        long share = (descriptorLimit - RESERVED_DESCRIPTORS) / 2 / Math.max(1, listeners);
        return (int) Math.max(MIN_DERIVED, Math.min(Integer.MAX_VALUE, share));
    }

    /** The process's open-file limit (the JVM raises the soft limit to the hard one at start on Linux). */
    static long descriptorLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return 2 * (10_000L + RESERVED_DESCRIPTORS); // no such limit to read: 10,000 connections
    }
}
