package dev.fulcrum.proxy;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;

/**
 * How a target's response head frames its body, and how it is framed again for the client: worked out once from
 * the head, without I/O.
 *
 * @param bodyless no body whatever the headers say (an answer to HEAD, 204, 304, 101)
 * @param framed the target says where its body ends (Content-Length or chunked), else the body ends when the
 *     target closes
 * @param closeDelimited the body can reach the client only up to our close: an HTTP/1.0 client has no chunking
 * @param targetReusable the target connection can carry another request after this response
 * @param hold the response is held until complete (or, unframed, until its first bytes are checked) before any byte
 *     goes to the client: one write for a small response, and a target that stalls short of its length, or whose
 *     headers spill into an unframed body, can still be answered by the balancer
 */
record ResponseFraming(boolean bodyless, boolean framed, boolean closeDelimited, boolean targetReusable,
        boolean hold) {

    /** A response of at most this Content-Length is held until complete. */
    static final int MAX_HELD_RESPONSE_BYTES = 64 * 1024;

    static ResponseFraming of(HttpResponse response, boolean headRequest, boolean http10Client) {
        int code = response.status().code();
        boolean bodyless = headRequest || code == 204 || code == 304 || code == 101;
        long length = HttpUtil.getContentLength(response, -1L);
        boolean framed = bodyless || length >= 0 || HttpUtil.isTransferEncodingChunked(response);
        boolean closeDelimited = !bodyless && length < 0 && http10Client;
        boolean hold = !bodyless && (length >= 0 && length <= MAX_HELD_RESPONSE_BYTES || !framed);
        return new ResponseFraming(bodyless, framed, closeDelimited, framed && HttpUtil.isKeepAlive(response), hold);
    }

    /** Frames the body for the client: chunked when the target gave no length, unless the client is HTTP/1.0. */
    void applyTo(HttpResponse response) {
        if (bodyless || HttpUtil.isContentLengthSet(response)) {
            return;
        }
        HttpUtil.setTransferEncodingChunked(response, !closeDelimited);
    }
}
