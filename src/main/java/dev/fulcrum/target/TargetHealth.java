package dev.fulcrum.target;

/**
 * A target's health as DescribeTargetHealth reports it: a state, ALB's reason code and its description (both
 * {@code null} for {@code healthy}).
 */
public record TargetHealth(State state, String reason, String description) {

    /** ALB's target health states, with their API spelling. */
    public enum State {
        INITIAL("initial"),
        HEALTHY("healthy"),
        UNHEALTHY("unhealthy"),
        UNUSED("unused"),
        DRAINING("draining"),
        UNAVAILABLE("unavailable");

        private final String apiName;

        State(String apiName) {
            this.apiName = apiName;
        }

        /** {@code initial}, {@code healthy}, ... as in ALB's API. */
        public String apiName() {
            return apiName;
        }
    }

    public static final TargetHealth REGISTRATION_IN_PROGRESS =
            new TargetHealth(State.INITIAL, "Elb.RegistrationInProgress", "Target registration is in progress");
    public static final TargetHealth INITIAL_HEALTH_CHECKING =
            new TargetHealth(State.INITIAL, "Elb.InitialHealthChecking", "Initial health checks in progress");
    public static final TargetHealth HEALTHY = new TargetHealth(State.HEALTHY, null, null);
    public static final TargetHealth TIMEOUT =
            new TargetHealth(State.UNHEALTHY, "Target.Timeout", "Request timed out");
    public static final TargetHealth FAILED_HEALTH_CHECKS =
            new TargetHealth(State.UNHEALTHY, "Target.FailedHealthChecks", "Health checks failed");
    /** The balancer could not run the check itself (e.g. out of file descriptors): the target is not to blame. */
    public static final TargetHealth INTERNAL_ERROR = new TargetHealth(State.UNHEALTHY, "Elb.InternalError",
            "Health checks failed due to an internal error");
    public static final TargetHealth DEREGISTRATION_IN_PROGRESS = new TargetHealth(State.DRAINING,
            "Target.DeregistrationInProgress", "Target deregistration is in progress");
    public static final TargetHealth NOT_REGISTERED =
            new TargetHealth(State.UNUSED, "Target.NotRegistered", "Target is not registered to the target group");
    public static final TargetHealth NOT_IN_USE = new TargetHealth(State.UNUSED, "Target.NotInUse",
            "Target group is not configured to receive traffic from the load balancer");
    /** The target's address and port are one of the balancer's own listeners (see {@link BalancerAddresses}). */
    public static final TargetHealth IP_UNUSABLE = new TargetHealth(State.UNUSED, "Target.IpUnusable",
            "The IP address cannot be used as a target, as it is in use by a load balancer");
    public static final TargetHealth HEALTH_CHECK_DISABLED =
            new TargetHealth(State.UNAVAILABLE, "Target.HealthCheckDisabled", "Health checks are disabled");

    /** {@code Target.ResponseCodeMismatch}: the check got {@code code}, which the matcher does not accept. */
    public static TargetHealth responseCodeMismatch(int code) {
        return new TargetHealth(State.UNHEALTHY, "Target.ResponseCodeMismatch",
                "Health checks failed with these codes: [" + code + "]");
    }

    public boolean is(State s) {
        return state == s;
    }

    @Override
    public String toString() {
        return reason == null ? state.apiName() : state.apiName() + " (" + reason + ")";
    }
}
