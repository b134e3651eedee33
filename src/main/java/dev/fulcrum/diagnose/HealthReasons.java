package dev.fulcrum.diagnose;

import java.util.Map;

/** What to check for each health reason code (seed 002's resource-map advice, in our words). */
final class HealthReasons {

    private static final Map<String, String> ADVICE = Map.ofEntries(
            Map.entry("Target.ResponseCodeMismatch", "make the application answer the health check path with a"
                    + " status the matcher accepts, or change the matcher to what it answers"),
            Map.entry("Target.Timeout", "check that firewalls let the balancer reach the target's health check port,"
                    + " that the target has CPU and memory to spare and the application runs; or give the check a"
                    + " simpler page or a longer timeout"),
            Map.entry("Target.FailedHealthChecks", "check that the application runs and listens on the health check"
                    + " port, and answers valid HTTP there"),
            Map.entry("Elb.InternalError", "look at the balancer (file descriptors, its log), not the target"),
            Map.entry("Elb.RegistrationInProgress", "wait: a new target is checked within a second"),
            Map.entry("Elb.InitialHealthChecking", "wait: one passing check makes a new target healthy"),
            Map.entry("Target.DeregistrationInProgress", "it is draining: its requests in flight finish"),
            Map.entry("Target.NotRegistered", "register it in the target group if it should serve"),
            Map.entry("Target.NotInUse", "no listener forwards to its target group"),
            Map.entry("Target.IpUnusable", "it is one of the balancer's own listeners: use another address or port"),
            Map.entry("Target.HealthCheckDisabled", "health checks are off: the balancer cannot tell if it fails"));

    private HealthReasons() {
    }

    static String advice(String reason) {
        return ADVICE.getOrDefault(reason, "see the target health reason codes in the README");
    }
}
