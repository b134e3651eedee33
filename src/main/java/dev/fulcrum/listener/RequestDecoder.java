package dev.fulcrum.listener;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;

/**
 * The request decoder, told by {@link ClientHandler} when to stop ahead: while a request waits for its response
 * the decoder runs in single-decode mode, so pipelined requests stay as bytes (bounded by one read) instead of
 * piling up as decoded messages. Decoding resumes when the exchange ends.
 */
final class RequestDecoder extends HttpRequestDecoder {

    RequestDecoder(HttpDecoderConfig config) {
        super(config);
    }

    /** True when bytes of further requests wait in the decoder's buffer. */
    boolean hasBufferedBytes() {
        ByteBuf b = internalBuffer();
        return b != null && b.isReadable();
    }
}
