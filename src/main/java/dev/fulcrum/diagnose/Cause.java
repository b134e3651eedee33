package dev.fulcrum.diagnose;

import dev.fulcrum.core.LbError;
import dev.fulcrum.core.Phase;
import java.util.List;

/**
 * A cause a finding names: one of the catalog's ({@link LbError}: its error_reason code, cause and remedies) for
 * what the balancer answered itself; or, outside the catalog, a target's own status passed through (seed 000's
 * advice), a rule's fixed response, or an error_reason the catalog does not know (ALB's authenticate, Lambda and
 * WAF codes).
 *
 * @param source {@code balancer}, {@code target} or {@code client}: who made the error happen
 */
record Cause(String code, String source, String sentence, List<String> remedies, LbError catalog) {

    static final String BALANCER = "balancer";
    static final String TARGET = "target";
    static final String CLIENT = "client";

    static Cause of(LbError e) {
        boolean client = e.phase() == Phase.READING_REQUEST || e == LbError.CLIENT_CLOSED;
        return new Cause(e.errorReason(), client ? CLIENT : BALANCER, e.cause(), e.remedies(), e);
    }

    /** The target answered this status itself; the balancer passed it on untouched. */
    static Cause targetMade(int status) {
        return new Cause("TargetResponse", TARGET,
                "The target answered " + status + " itself; the load balancer passed the response on unchanged.",
                List.of("Look at the application's logs on the target for these requests (same time, same path).",
                        "Send the same request to the target directly, bypassing the load balancer"
                                + " (curl -v http://<target>/<path>), and compare."),
                null);
    }

    static Cause fixedResponse(int status) {
        return new Cause("FixedResponse", BALANCER,
                "A rule's fixed-response action answered " + status + ": the configuration asked for it.",
                List.of("Check the rule (matched_rule_priority) if these requests should have been forwarded."),
                null);
    }

    /** An error_reason that is not in the catalog: ALB writes its own for authenticate, Lambda and WAF failures. */
    static Cause unknownReason(String code) {
        String area = code.startsWith("Auth") ? "the authenticate action and its identity provider"
                : code.startsWith("Lambda") ? "the Lambda function behind the target group"
                : code.startsWith("WAF") ? "the AWS WAF web ACL of the load balancer"
                : "what the load balancer's documentation says of it";
        return new Cause(code, BALANCER, "The load balancer recorded error_reason " + code + ".",
                List.of("Check " + area + " (AWS's access-log documentation lists " + code + ")."), null);
    }

    /** A status the balancer made that the catalog has no entry for (401, 403, 561 of ALB's own features...). */
    static Cause unknownStatus(int status) {
        String hint = switch (status) {
            case 401, 561 -> "an authenticate action (see error_reason)";
            case 403 -> "an AWS WAF web ACL that blocked the request";
            default -> "a feature Fulcrum does not have";
        };
        return new Cause("ELB" + status, BALANCER, "The load balancer answered " + status + " itself: on ALB, "
                + hint + ".", List.of("Look up " + status + " in the load balancer's troubleshooting guide."), null);
    }
}
