package dev.fulcrum.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Whether the client connection serves another request after this response: decided once per response, when its
 * head is chosen, from everything that can end the connection, and written into that head. After it, only a cut
 * (the exchange aborted mid-way) closes the connection.
 * <ul>
 *   <li>the client: HTTP/1.1 keeps unless it says {@code Connection: close}; HTTP/1.0 closes unless it says
 *       {@code Connection: keep-alive};</li>
 *   <li>the stream: a stopping balancer, a connection older than {@code client_keep_alive.seconds};</li>
 *   <li>the response: one whose body ends only when the connection closes (an HTTP/1.0 client and no
 *       Content-Length), an error after which the rest of the request cannot be read in step (the catalog's
 *       {@code closesConnection}), a protocol switch (the connection becomes the tunnel).</li>
 * </ul>
 */
final class KeepAlive {

    private KeepAlive() {
    }

    /**
     * What the client asked for, read from its request head as it arrived (forwarding rewrites the head in place:
     * its Connection header goes, its version becomes HTTP/1.1); false when no request could be read.
     */
    static boolean clientAsks(HttpRequest request) {
        return request != null && HttpUtil.isKeepAlive(request);
    }

    /**
     * @param clientAsks {@link #clientAsks} of the request
     * @param responseAllows the response's say: false for the cases of the third point above
     */
    static boolean decide(boolean clientAsks, ClientStream stream, boolean responseAllows) {
        return responseAllows && clientAsks && stream.mayKeepAlive();
    }

    /**
     * Writes the decision into a response head (the target's hop-by-hop
     * headers are gone by then, so HTTP/1.1's keep needs nothing).
     */
    static void apply(HttpResponse response, boolean keep, boolean http10Client) {
        if (!keep) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10Client) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
    }
}
