package dev.fulcrum.config;

/** A target group's {@code ProtocolVersion}: which request protocol its targets speak. */
public enum ProtocolVersion {
    HTTP1,
    HTTP2,
    GRPC
}
