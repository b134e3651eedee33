package dev.fulcrum.diagnose;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Runs diagnose on text, as {@code fulcrum diagnose -} would on standard input. */
final class Diagnoses {

    private Diagnoses() {
    }

    static Diagnosis of(String text, double idleSeconds, double connectSeconds) {
        return Diagnose.of(idleSeconds, connectSeconds, 5)
                .stdin(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1))).read(List.of("-"));
    }

    static Diagnosis of(String text) {
        return of(text, 60, 10);
    }

    /** The findings of one status, as ranked. */
    static List<Finding> findings(Diagnosis d, int status) {
        return d.findings().stream().filter(f -> f.status() == status).toList();
    }
}
