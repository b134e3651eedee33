package dev.fulcrum.diagnose;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;

/** The three renderings of a {@link Diagnosis}: text for people, JSON for scripts, one HTML page with charts. */
public final class Reports {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    public static String text(Diagnosis d) {
        return TextReport.render(d);
    }

    /**
     * The diagnosis as one JSON object: {@code lines}, {@code unparsed} ({@code count}, {@code examples}),
     * {@code statuses} ({@code status}, {@code balancer}, {@code target}), {@code findings} ({@code status},
     * {@code source}, {@code cause}, {@code count}, {@code share}, {@code targets}, {@code evidence},
     * {@code remedies}, ...) and the tables behind them.
     */
    public static String json(Diagnosis d) {
        try {
            return JSON.writeValueAsString(d) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String html(Diagnosis d) {
        return HtmlReport.render(d, json(d));
    }
}
