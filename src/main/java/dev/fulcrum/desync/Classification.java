package dev.fulcrum.desync;

import java.util.Objects;

/**
 * The verdict on one request head: its tier, the reason of the finding that set it, and a short detail for people
 * (the offending header name, the Content-Length values), never a header value that could be private.
 *
 * <p>The tier is carried here rather than read from the reason, so that a reason whose tier depends on where it was
 * found can say so.
 */
public record Classification(Tier tier, Reason reason, String detail) {

    public static final Classification COMPLIANT = new Classification(Tier.COMPLIANT, Reason.NONE, "");

    public Classification {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        if ((tier == Tier.COMPLIANT) != (reason == Reason.NONE)) {
            throw new IllegalArgumentException("reason: " + reason + " (expected: NONE exactly when COMPLIANT)");
        }
    }

    /** A finding of {@code reason} at the tier it gives. */
    static Classification of(Reason reason, String detail) {
        return new Classification(reason.tier(), reason, detail);
    }

    public boolean isCompliant() {
        return tier == Tier.COMPLIANT;
    }

    /**
     * This, unless {@code later} is more severe. Folding the findings of a request in the order they were made
     * keeps the first of the most severe ones, as http-desync-guardian does.
     */
    Classification orWorse(Classification later) {
        return later.tier.isMoreSevereThan(tier) ? later : this;
    }

    /** Whether a finding of {@code reason} would change this verdict: only a more severe one does. */
    boolean isRaisedBy(Reason reason) {
        return reason.tier().isMoreSevereThan(tier);
    }
}
