package dev.fulcrum.routing;

/** Answers the request with a fixed status, content type and body; the body is at most 1024 characters. */
public record FixedResponseAction(int statusCode, String contentType, String messageBody) implements Action {

    @Override
    public String type() {
        return "fixed-response";
    }
}
