package dev.fulcrum.health;

import dev.fulcrum.config.HealthCheckConfig;
import dev.fulcrum.target.Target;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** The request ALB's health checker sends, byte for byte, and where it goes. */
final class HealthCheckRequest {

    static final String USER_AGENT = "ELB-HealthChecker/2.0";
    private static final int HTTP_DEFAULT_PORT = 80;

    private HealthCheckRequest() {
    }

    /** The checked port: the target's own for {@code traffic-port}, else the configured one. */
    static int port(HealthCheckConfig check, Target target) {
        return check.port() == HealthCheckConfig.TRAFFIC_PORT ? target.port() : check.port();
    }

    static InetSocketAddress address(HealthCheckConfig check, Target target) {
        return new InetSocketAddress(target.address().getAddress(), port(check, target));
    }

    /**
     * {@code GET <path> HTTP/1.1}, {@code Host: <target ip>} with {@code :<port>} only when the port is not the
     * protocol's default, {@code User-Agent: ELB-HealthChecker/2.0}, CRLF line ends, then the empty line.
     */
    static byte[] bytes(HealthCheckConfig check, Target target) {
        String ip = target.id().indexOf(':') >= 0 ? "[" + target.id() + "]" : target.id();
        int port = port(check, target);
        String host = port == HTTP_DEFAULT_PORT ? ip : ip + ":" + port;
        return ("GET " + check.path() + " HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "User-Agent: " + USER_AGENT + "\r\n"
                + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}
