package dev.fulcrum.proxy;

import dev.fulcrum.desync.Classification;

/**
 * What the client side concluded from a request head's raw bytes, beyond the request itself.
 *
 * @param closeAfter the client and target connections must close after this exchange whatever the response says:
 *     the head framed its body in a way another server could read otherwise (Transfer-Encoding beside
 *     Content-Length, Transfer-Encoding on HTTP/1.0: RFC 9112 section 6.1)
 * @param classification the desync classifier's verdict on the raw head (Compliant when no whole head came)
 */
public record HeadVerdict(boolean closeAfter, Classification classification) {

    /** A head with nothing to note (and what protocols without raw heads give). */
    public static final HeadVerdict CLEAN = new HeadVerdict(false, Classification.COMPLIANT);
}
