package dev.fulcrum.config;

/** {@code routing.http.xff_header_processing.mode}. */
public enum XffMode {
    /** Append the client address to X-Forwarded-For (create it when absent). */
    APPEND("append"),
    /** Send X-Forwarded-For unchanged (absent stays absent). */
    PRESERVE("preserve"),
    /** Remove X-Forwarded-For before sending the request to the target. */
    REMOVE("remove");

    private final String key;

    XffMode(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
