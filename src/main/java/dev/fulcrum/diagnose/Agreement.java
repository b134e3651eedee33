package dev.fulcrum.diagnose;

import dev.fulcrum.core.LbError;
import java.util.ArrayList;
import java.util.List;

/**
 * Fulcrum's own lines carry the cause in error_reason: it is taken (the finding says so, {@link Findings}), and
 * the evidence is checked against it. When
 * the evidence names the same cause (or one it cannot tell from it), its sentences support the finding; when a
 * decisive rule names another, the finding says so: the timeouts given may not be the ones in force.
 */
final class Agreement {

    private Agreement() {
    }

    static EvidenceRules.Judgement check(Facts f, Cause recorded, EvidenceRules.Judgement byEvidence) {
        List<String> evidence = new ArrayList<>();
        String conclusion = null;
        LbError catalog = recorded.catalog();
        boolean same = byEvidence.cause().code().equals(recorded.code());
        boolean alike = catalog != null && (byEvidence.alternatives().contains(catalog)
                || Catalog.alike(catalog).contains(byEvidence.cause().catalog()));
        if (same) {
            evidence.addAll(byEvidence.evidence());
            conclusion = byEvidence.conclusion();
        } else if (alike && !byEvidence.likelihood().equals(Finding.POSSIBLE)) {
            evidence.add("the log's evidence fits it too: " + String.join("; ", byEvidence.evidence()));
        } else if (byEvidence.likelihood().equals(Finding.LIKELY) && !alike) {
            evidence.add("but the log's evidence points to " + byEvidence.cause().code() + ": "
                    + String.join("; ", byEvidence.evidence())
                    + " (are --idle-timeout and --connect-timeout the ones in force?)");
        }
        return new EvidenceRules.Judgement(recorded, Finding.RECORDED, evidence, conclusion, List.of());
    }
}
