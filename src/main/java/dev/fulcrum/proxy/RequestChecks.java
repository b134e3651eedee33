package dev.fulcrum.proxy;

import dev.fulcrum.core.LbError;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** What the load balancer refuses in a request head before routing it, and how decoder failures map to errors. */
public final class RequestChecks {

    /** ALB's limits: request line 16 KiB, one header 16 KiB, all headers 64 KiB. */
    public static final int MAX_REQUEST_LINE_BYTES = 16 * 1024;
    public static final int MAX_HEADER_BYTES = 16 * 1024;
    public static final int MAX_HEADERS_BYTES = 64 * 1024;

    /** How Netty's HttpVersion reports a version it cannot parse, lower-cased. */
    private static final String INVALID_VERSION = "invalid version format:";
    private static final Pattern VERSION_TOKEN = Pattern.compile("http/\\d+(\\.\\d+)?");

    private RequestChecks() {
    }

    /** The error for a decoded request head, or {@code null} when it may be routed. */
    static LbError check(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        if (version.majorVersion() != 1 || version.minorVersion() > 1) {
            return LbError.HTTP_VERSION_NOT_SUPPORTED;
        }
        if (HttpMethod.TRACE.equals(request.method())) {
            return LbError.TRACE_NOT_ALLOWED;
        }
        if (HttpMethod.CONNECT.equals(request.method())) {
            return LbError.CONNECT_NOT_SUPPORTED; // CLB answers 400 too; forwarding it would turn a pooled connection into a tunnel
        }
        for (Map.Entry<String, String> h : request.headers()) {
            if (h.getKey().length() + 2 + h.getValue().length() > MAX_HEADER_BYTES) {
                return LbError.REQUEST_HEADER_TOO_LARGE;
            }
        }
        for (String te : request.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING)) {
            for (String coding : te.split(",")) {
                String c = coding.strip().toLowerCase(Locale.ROOT);
                if (!c.equals("chunked") && !c.equals("identity")) {
                    return LbError.UNSUPPORTED_TRANSFER_ENCODING;
                }
            }
        }
        if (ForwardedHeaders.xffAddressCount(request.headers()) > ForwardedHeaders.MAX_XFF_ADDRESSES) {
            return LbError.XFF_TOO_MANY_ADDRESSES;
        }
        return null;
    }

    /** The error for a request the decoder could not parse. */
    public static LbError decoderFailure(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return LbError.REQUEST_LINE_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            return LbError.REQUEST_HEADERS_TOO_LARGE;
        }
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("transfer coding")) {
            return LbError.UNSUPPORTED_TRANSFER_ENCODING; // e.g. "the final transfer coding must be chunked"
        }
        if (message.contains("content-length")) {
            return LbError.INVALID_CONTENT_LENGTH;
        }
        if (message.startsWith(INVALID_VERSION)) {
            // A version of HTTP this listener does not speak ("HTTP/2") is 505; a token that is no version at all
            // ("HTTP/1.1 HTTP/1.1", or what follows a space inside the URI) makes the request line malformed.
            String token = message.substring(INVALID_VERSION.length()).strip();
            return VERSION_TOKEN.matcher(token).matches() ? LbError.HTTP_VERSION_NOT_SUPPORTED : LbError.REQUEST_MALFORMED;
        }
        return LbError.REQUEST_MALFORMED;
    }

    /** The error for a target response the decoder could not parse. */
    static LbError responseDecoderFailure(Throwable cause) {
        if (cause instanceof io.netty.handler.codec.PrematureChannelClosureException) {
            return LbError.TARGET_CLOSED_CONNECTION;
        }
        if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            return LbError.TARGET_RESPONSE_HEADERS_TOO_LARGE;
        }
        return LbError.TARGET_RESPONSE_MALFORMED;
    }
}
