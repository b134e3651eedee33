package dev.fulcrum.diagnose;

import dev.fulcrum.core.LbError;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The catalog seen by status: which causes share a status, and which ones the same evidence cannot tell apart. */
final class Catalog {

    /** Causes that look the same in the log as the key, even when the evidence points to the key. */
    private static final Map<LbError, List<LbError>> ALIKE = Map.of(
            LbError.TARGET_CONNECTION_REFUSED, List.of(LbError.TARGET_CONNECTION_ERROR, LbError.TARGET_CLOSED_CONNECTION),
            LbError.TARGET_DEREGISTERED, List.of(LbError.TARGET_CLOSED_CONNECTION),
            LbError.TARGET_RESPONSE_MALFORMED, List.of(LbError.TARGET_RESPONSE_HEADERS_TOO_LARGE),
            LbError.TARGET_IDLE_TIMEOUT, List.of(LbError.TARGET_RESPONSE_INCOMPLETE),
            LbError.REQUEST_HEADERS_TOO_LARGE, List.of(LbError.REQUEST_HEADER_TOO_LARGE),
            LbError.REQUEST_HEADER_TOO_LARGE, List.of(LbError.REQUEST_HEADERS_TOO_LARGE),
            LbError.NO_REGISTERED_TARGETS, List.of(LbError.NO_TARGET_WITH_WEIGHT),
            // After dispatch, a body the client stopped sending and a malformed body (a bad chunk) look the same.
            LbError.REQUEST_BODY_INCOMPLETE, List.of(LbError.REQUEST_MALFORMED));

    private Catalog() {
    }

    /** The catalog's entries with this status, in the catalog's order (the most common first). */
    static List<LbError> of(int status) {
        return Arrays.stream(LbError.values()).filter(e -> e.status() == status).toList();
    }

    /** The other entries of the status, for a cause the log cannot single out. */
    static List<LbError> others(int status, LbError except) {
        List<LbError> all = new ArrayList<>(of(status));
        all.remove(except);
        return all;
    }

    static List<LbError> alike(LbError cause) {
        return cause == null ? List.of() : ALIKE.getOrDefault(cause, List.of());
    }
}
