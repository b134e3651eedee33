package dev.fulcrum.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;

/**
 * Which TLS implementation the balancer uses: BoringSSL (netty-tcnative-boringssl-static) where its native library
 * loads, which speaks every protocol version and cipher of ALB's policies; else the JDK's, whose own
 * {@code jdk.tls.disabledAlgorithms} then refuse TLS 1.0, 1.1 and 3DES whatever the policy says.
 */
public final class TlsProvider {

    /** {@code -Dfulcrum.tls.provider=jdk} asks for the JDK's TLS even where BoringSSL loads (to compare, to test). */
    public static final String PROPERTY = "fulcrum.tls.provider";

    private TlsProvider() {
    }

    public static SslProvider provider() {
        return OpenSsl.isAvailable() && !jdkAskedFor() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    private static boolean jdkAskedFor() {
        return "jdk".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /** For the start-up log: what is used, and why when it is the fallback. */
    public static String describe() {
        if (OpenSsl.isAvailable() && jdkAskedFor()) {
            return "TLS by the JDK (" + System.getProperty("java.version") + "), as -D" + PROPERTY + "=jdk asks; TLS"
                    + " 1.0, 1.1 and 3DES follow the JDK's jdk.tls.disabledAlgorithms";
        }
        if (OpenSsl.isAvailable()) {
            return "TLS by " + OpenSsl.versionString() + " (netty-tcnative)";
        }
        return "TLS by the JDK (" + System.getProperty("java.version") + "): BoringSSL did not load ("
                + OpenSsl.unavailabilityCause() + "); TLS 1.0, 1.1 and 3DES follow the JDK's"
                + " jdk.tls.disabledAlgorithms";
    }
}
