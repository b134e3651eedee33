package dev.fulcrum.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** ALB's naming rules for load balancers and target groups. */
final class Names {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
    private static final String RULE = "1..32 letters, digits and hyphens, not starting or ending with a hyphen";

    private Names() {
    }

    /** The problem with a load balancer name, if any. */
    static Optional<String> loadBalancerProblem(String name) {
        if (name.startsWith("internal-")) {
            // ALB reserves the prefix for the DNS names of internal load balancers.
            return Optional.of(Node.quote(name) + " (expected: a name not starting with 'internal-')");
        }
        return targetGroupProblem(name);
    }

    /** The problem with a target group name, if any. */
    static Optional<String> targetGroupProblem(String name) {
        return NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of(Node.quote(name) + " (expected: " + RULE + ")");
    }
}
