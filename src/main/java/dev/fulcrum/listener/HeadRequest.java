package dev.fulcrum.listener;

import dev.fulcrum.proxy.HeadVerdict;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/** A request as {@link RequestHead} read it from its raw head, with what the raw bytes said beyond it. */
class HeadRequest extends DefaultHttpRequest {

    private HeadVerdict verdict = HeadVerdict.CLEAN;

    HeadRequest(HttpVersion version, HttpMethod method, String uri, HttpHeaders headers) {
        // Netty's own check of the line is off: a target with a space or a control byte is the request checks' and
        // the classifier's to judge, and is never forwarded raw.
        super(version, method, uri, headers, false);
    }

    HeadVerdict verdict() {
        return verdict;
    }

    void verdict(HeadVerdict verdict) {
        this.verdict = verdict;
    }
}
