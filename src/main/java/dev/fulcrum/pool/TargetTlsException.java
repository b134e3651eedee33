package dev.fulcrum.pool;

import io.netty.handler.ssl.SslHandshakeTimeoutException;

/** The TLS handshake with a target failed, or did not finish in time ({@link #timedOut}). */
public final class TargetTlsException extends Exception {

    TargetTlsException(Throwable cause) {
        super("TLS handshake with the target failed: " + cause.getMessage(), cause, false, false);
    }

    public boolean timedOut() {
        return getCause() instanceof SslHandshakeTimeoutException;
    }
}
