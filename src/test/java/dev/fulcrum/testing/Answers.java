package dev.fulcrum.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulcrum.lab.RawHttpClient;
import java.util.HashMap;
import java.util.Map;

/** Which targets answer: requests on one connection, counted by the body each {@link FakeTarget} names itself in. */
public final class Answers {

    private Answers() {
    }

    /** Sends {@code requests} GETs of {@code /} to the listener on {@code port}; each must be answered 200. */
    public static Map<String, Integer> byTarget(int port, int requests) {
        Map<String, Integer> counts = new HashMap<>();
        try (RawHttpClient c = RawHttpClient.connect(port)) {
            for (int i = 0; i < requests; i++) {
                RawHttpClient.Response r = c.get("/").readResponse();
                assertThat(r.status()).isEqualTo(200);
                counts.merge(r.bodyText(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
