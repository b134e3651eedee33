package dev.fulcrum.config;

/**
 * {@code routing.http.desync_mitigation_mode}: what each tier of the request-head classification gets, as on ALB
 * and CLB.
 * <pre>
 *   tier         monitor   defensive                       strictest
 *   Compliant    forward   forward                         forward
 *   Acceptable   forward   forward                         400, close
 *   Ambiguous    forward   forward, then close client      400, close
 *                          and target connections
 *   Severe       forward   400, close                      400, close
 * </pre>
 */
public enum DesyncMitigationMode {
    MONITOR("monitor"),
    DEFENSIVE("defensive"),
    STRICTEST("strictest");

    private final String key;

    DesyncMitigationMode(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }
}
