package dev.fulcrum.proxy;

import dev.fulcrum.core.LbError;
import dev.fulcrum.routing.FixedResponseAction;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;

/**
 * The responses the load balancer writes itself (Envoy's local replies): ALB-style HTML error pages, fixed
 * responses, redirects. Whether the connection stays open after one is {@link KeepAlive}'s decision.
 */
final class LocalReply {

    static final AsciiString ERROR_REASON_HEADER = AsciiString.cached("x-fulcrum-error-reason");
    static final AsciiString QPS_LIMITED_HEADER = AsciiString.cached("alb-qps-limited");
    static final String SERVER = "fulcrum";
    /** The line ALB's (and NGINX's) page for plain HTTP on an HTTPS port adds. */
    private static final String PLAIN_HTTP = "<center>The plain HTTP request was sent to HTTPS port</center>\r\n";

    private LocalReply() {
    }

    /** The status line reason for a code, including ALB's own 460-464 and 561. */
    static HttpResponseStatus status(int code) {
        return switch (code) {
            case 460 -> new HttpResponseStatus(460, "Client Closed Connection");
            case 463 -> new HttpResponseStatus(463, "Too Many Forwarded Addresses");
            case 464 -> new HttpResponseStatus(464, "Incompatible Protocol");
            default -> HttpResponseStatus.valueOf(code);
        };
    }

    static FullHttpResponse error(ByteBufAllocator alloc, LbError error, boolean withReasonHeader) {
        HttpResponseStatus status = status(error.status());
        String text = status.code() + " " + status.reasonPhrase();
        String html = "<html>\r\n<head><title>" + text + "</title></head>\r\n<body>\r\n<center><h1>" + text
                + "</h1></center>\r\n" + (error == LbError.PLAIN_HTTP_ON_HTTPS_PORT ? PLAIN_HTTP : "")
                + "</body>\r\n</html>\r\n";
        FullHttpResponse response = build(alloc, status, "text/html", html);
        if (withReasonHeader) {
            response.headers().set(ERROR_REASON_HEADER, error.errorReason());
        }
        if (error == LbError.QPS_LIMITED) {
            response.headers().set(QPS_LIMITED_HEADER, "Limited");
        }
        return response;
    }

    static FullHttpResponse fixed(ByteBufAllocator alloc, FixedResponseAction fixed) {
        return fixed(alloc, fixed.statusCode(), fixed.contentType(), fixed.messageBody());
    }

    static FullHttpResponse fixed(ByteBufAllocator alloc, int statusCode, String contentType, String body) {
        return build(alloc, status(statusCode), contentType, body == null ? "" : body);
    }

    static FullHttpResponse redirect(ByteBufAllocator alloc, int statusCode, String location) {
        FullHttpResponse response = build(alloc, HttpResponseStatus.valueOf(statusCode), null, "");
        response.headers().set(HttpHeaderNames.LOCATION, location);
        return response;
    }

    private static FullHttpResponse build(ByteBufAllocator alloc, HttpResponseStatus status, String contentType,
            String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ByteBuf content = alloc.buffer(bytes.length).writeBytes(bytes);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers().set(HttpHeaderNames.SERVER, SERVER);
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }
}
