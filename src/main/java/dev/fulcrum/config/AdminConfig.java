package dev.fulcrum.config;

/** The admin endpoint (health views, metrics, API); {@code admin.listen}. */
public record AdminConfig(String host, int port) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9090;

    public static AdminConfig defaults() {
        return new AdminConfig(DEFAULT_HOST, DEFAULT_PORT);
    }
}
