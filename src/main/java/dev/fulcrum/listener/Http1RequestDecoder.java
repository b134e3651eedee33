package dev.fulcrum.listener;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.LbException;
import dev.fulcrum.desync.Classification;
import dev.fulcrum.desync.DesyncClassifier;
import dev.fulcrum.proxy.HeadVerdict;
import dev.fulcrum.proxy.RequestChecks;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 request decoder: the head from its raw bytes ({@link RequestHead}, Fulcrum's reading), then the body
 * as its framing says, in pieces of at most 64 KiB. Every failure it emits carries an {@link LbException} with the
 * request's outcome; after one, nothing more of the connection is read.
 * <pre>
 *   HEAD --no body--> HEAD
 *   HEAD --Content-Length--> FIXED --all read--> HEAD
 *   HEAD --chunked--> CHUNK_SIZE --n > 0--> CHUNK_DATA --n read--> CHUNK_END --CRLF--> CHUNK_SIZE
 *                     CHUNK_SIZE --0--> TRAILERS --empty line--> HEAD
 *   any --failure--> BAD (input dropped)
 * </pre>
 * {@link Http1Connection} turns single-decode mode on while a request waits for its response, so pipelined requests
 * stay bytes (bounded by one read) instead of piling up as decoded messages.
 */
final class Http1RequestDecoder extends ByteToMessageDecoder {

    /** Bodies reach the exchange in pieces of at most this. */
    static final int MAX_CONTENT_BYTES = 64 * 1024;
    /** A chunk-size line (size and extensions). */
    private static final int MAX_CHUNK_LINE_BYTES = 4 * 1024;
    private static final byte LF = '\n';

    private enum State { HEAD, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, BAD }

    private State state = State.HEAD;
    /** Bytes of the current head scanned so far without finding its end: where its next line starts. */
    private int scanned;
    /** Where the current head's request line ended (-1 before its LF came). */
    private int requestLineEnd = -1;
    private long remaining;
    private Trailers trailers;

    /** True when bytes of further requests wait in the decoder's buffer. */
    boolean hasBufferedBytes() {
        ByteBuf b = internalBuffer();
        return b != null && b.isReadable();
    }

    /** The request that stands in when not even a request line could be read (logged as {@code "- - -"}). */
    static final class UnreadableRequest extends HeadRequest {
        UnreadableRequest(LbException cause, Classification classification) {
            super(HttpVersion.HTTP_1_0, HttpMethod.GET, "/", EmptyHttpHeaders.INSTANCE);
            setDecoderResult(DecoderResult.failure(cause));
            verdict(new HeadVerdict(false, classification));
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            switch (state) {
                case HEAD -> head(in, out);
                case FIXED -> fixed(in, out);
                case CHUNK_SIZE -> chunkSize(in);
                case CHUNK_DATA -> chunkData(in, out);
                case CHUNK_END -> chunkEnd(in);
                case TRAILERS -> trailers(in, out);
                case BAD -> in.skipBytes(in.readableBytes());
            }
        } catch (LbException e) {
            fail(out, null, e, in);
        } catch (RuntimeException e) {
            // A bug of ours, never the client's fault: this request fails with 500 (which the fuzz tests look for).
            LoggerFactory.getLogger(Http1RequestDecoder.class).error("Unexpected failure decoding a request", e);
            fail(out, null, new LbException(LbError.INTERNAL_ERROR, e.toString()), in);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Head

    private void head(ByteBuf in, List<Object> out) {
        if (scanned == 0) {
            skipEmptyLines(in); // RFC 9112 section 2.2: empty lines before a request line are ignored
        }
        int start = in.readerIndex();
        int end = in.writerIndex();
        while (true) {
            int lineStart = start + scanned;
            int lf = in.indexOf(lineStart, end, LF);
            if (lf < 0) {
                checkLimits(in, start, end, out);
                return;
            }
            int lineLength = lf - lineStart;
            scanned = lf + 1 - start;
            if (requestLineEnd < 0) {
                requestLineEnd = lf - start;
                if (requestLineEnd > RequestChecks.MAX_REQUEST_LINE_BYTES + 1) {
                    fail(out, null, new LbException(LbError.REQUEST_LINE_TOO_LONG, "request line too long"), in);
                    return;
                }
            } else if (lineLength == 0 || lineLength == 1 && in.getByte(lineStart) == '\r') {
                readHead(in, start, scanned, out);
                return;
            }
        }
    }

    private static void skipEmptyLines(ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b != '\r' && b != LF) {
                return;
            }
            in.skipBytes(1);
        }
    }

    /** A head that has not ended yet may not grow past ALB's limits: 16 KiB of request line, 64 KiB of headers. */
    private void checkLimits(ByteBuf in, int start, int end, List<Object> out) {
        if (requestLineEnd < 0 && end - start > RequestChecks.MAX_REQUEST_LINE_BYTES + 2) {
            fail(out, null, new LbException(LbError.REQUEST_LINE_TOO_LONG, "request line too long"), in);
        } else if (requestLineEnd >= 0 && end - start - requestLineEnd > RequestChecks.MAX_HEADERS_BYTES + 2) {
            fail(out, null, new LbException(LbError.REQUEST_HEADERS_TOO_LARGE, "headers too large"), in);
        }
    }

    private void readHead(ByteBuf in, int start, int length, List<Object> out) {
        byte[] raw = new byte[length];
        in.getBytes(start, raw);
        in.skipBytes(length);
        scanned = 0;
        requestLineEnd = -1;
        // The classifier judges the same bytes Fulcrum reads: what the exchange does with its verdict is the mode's.
        Classification classification = DesyncClassifier.classify(raw, 0, length);
        RequestHead.Parsed head;
        try {
            head = RequestHead.parse(raw, length, classification);
        } catch (LbException e) {
            fail(out, new UnreadableRequest(e, classification), e, in);
            return;
        }
        if (head.error() != null) {
            fail(out, head.request(), new LbException(head.error(), "request refused by its framing"), in);
            return;
        }
        out.add(head.request());
        RequestFraming framing = head.framing();
        if (framing.chunked()) {
            state = State.CHUNK_SIZE;
        } else if (framing.length() > 0) {
            remaining = framing.length();
            state = State.FIXED;
        } else {
            out.add(LastHttpContent.EMPTY_LAST_CONTENT);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Body

    private void fixed(ByteBuf in, List<Object> out) {
        int n = (int) Math.min(Math.min(in.readableBytes(), remaining), MAX_CONTENT_BYTES);
        if (n == 0) {
            return;
        }
        ByteBuf content = in.readRetainedSlice(n);
        remaining -= n;
        if (remaining == 0) {
            state = State.HEAD;
            out.add(new DefaultLastHttpContent(content));
        } else {
            out.add(new DefaultHttpContent(content));
        }
    }

    private void chunkSize(ByteBuf in) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), LF);
        if (lf < 0) {
            if (in.readableBytes() > MAX_CHUNK_LINE_BYTES) {
                throw bad("chunk-size line too long");
            }
            return;
        }
        long size = ChunkLine.size(in, in.readerIndex(), lf);
        if (size < 0) {
            throw bad("bad chunk-size line");
        }
        in.readerIndex(lf + 1);
        if (size == 0) {
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    private void chunkData(ByteBuf in, List<Object> out) {
        int n = (int) Math.min(Math.min(in.readableBytes(), remaining), MAX_CONTENT_BYTES);
        if (n == 0) {
            return;
        }
        out.add(new DefaultHttpContent(in.readRetainedSlice(n)));
        remaining -= n;
        if (remaining == 0) {
            state = State.CHUNK_END;
        }
    }

    private void chunkEnd(ByteBuf in) {
        int r = in.readerIndex();
        if (in.getByte(r) == LF) {
            in.skipBytes(1);
        } else if (in.getByte(r) == '\r') {
            if (in.readableBytes() < 2) {
                return;
            }
            if (in.getByte(r + 1) != LF) {
                throw bad("chunk data not followed by CRLF");
            }
            in.skipBytes(2);
        } else {
            throw bad("chunk data longer than its size");
        }
        state = State.CHUNK_SIZE;
    }

    private void trailers(ByteBuf in, List<Object> out) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), LF);
        if (lf < 0) {
            if (in.readableBytes() > RequestChecks.MAX_HEADERS_BYTES) {
                throw bad("trailers too large");
            }
            return;
        }
        int from = in.readerIndex();
        int to = lf > from && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        in.readerIndex(lf + 1);
        if (to == from) {
            state = State.HEAD;
            out.add(trailers == null ? LastHttpContent.EMPTY_LAST_CONTENT : trailers.last());
            trailers = null;
            return;
        }
        if (trailers == null) {
            trailers = new Trailers();
        }
        if (!trailers.add(in, from, to)) {
            throw bad("trailers too large");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Failures

    private static LbException bad(String detail) {
        return new LbException(LbError.REQUEST_MALFORMED, detail);
    }

    /** The connection closed: a request whose line came but whose headers did not is a failure too. */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (state == State.HEAD && requestLineEnd >= 0 && in.isReadable()) {
            fail(out, null, new LbException(LbError.REQUEST_MALFORMED, "closed before the head ended"), in);
        }
        in.skipBytes(in.readableBytes());
    }

    /**
     * Emits the failure: on the request when its head was read (or stood in for when not), else on a last content
     * (the body went wrong), and drops everything after it.
     */
    private void fail(List<Object> out, HttpRequest request, LbException cause, ByteBuf in) {
        HttpObject failed;
        if (state == State.HEAD) {
            if (request != null) {
                request.setDecoderResult(DecoderResult.failure(cause));
                failed = request;
            } else {
                failed = new UnreadableRequest(cause, Classification.COMPLIANT); // no whole head to classify
            }
        } else {
            DefaultLastHttpContent last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
            last.setDecoderResult(DecoderResult.failure(cause));
            failed = last;
        }
        state = State.BAD;
        trailers = null;
        in.skipBytes(in.readableBytes());
        out.add(failed);
    }
}
