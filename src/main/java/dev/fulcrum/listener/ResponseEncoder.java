package dev.fulcrum.listener;

import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;

/**
 * The response encoder, told whether the response it is about to write answers a HEAD request (whose response
 * has no body whatever its headers say). Exchanges run one at a time per connection, so one flag suffices.
 */
final class ResponseEncoder extends HttpResponseEncoder {

    private boolean headRequest;

    void respondingToHead(boolean headRequest) {
        this.headRequest = headRequest;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse msg) {
        if (headRequest && msg.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
            return true;
        }
        return super.isContentAlwaysEmpty(msg);
    }
}
