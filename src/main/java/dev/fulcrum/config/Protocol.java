package dev.fulcrum.config;

/** Listener and target group protocol. */
public enum Protocol {
    HTTP,
    HTTPS
}
