package dev.fulcrum.config;

/**
 * One of {@code target_group_health}'s thresholds: a count of healthy targets and a percentage of the group's
 * targets, each {@link #OFF} or positive. The threshold is breached when either one is.
 *
 * @param count 1..1000, or {@link #OFF} (DNS failover only)
 * @param percentage 1..100, or {@link #OFF}
 */
public record MinimumHealthyTargets(int count, int percentage) {

    /** The value {@code off}. */
    public static final int OFF = 0;
    /** ALB's per-group target limit, the count's upper bound. */
    public static final int MAX_COUNT = 1000;
    public static final int MAX_PERCENTAGE = 100;
    /** ALB's default for both routing and DNS failover: one healthy target, no percentage. */
    public static final MinimumHealthyTargets DEFAULT = new MinimumHealthyTargets(1, OFF);

    /**
     * Whether {@code healthy} of {@code total} targets fall short: fewer than the count, or (when the percentage is
     * on) below that percentage of {@code total}. ALB "takes the action when either threshold is breached".
     */
    public boolean breachedBy(int healthy, int total) {
        return count != OFF && healthy < count || percentage != OFF && healthy * 100L < (long) percentage * total;
    }

    /** {@code count 2, 50%} as logs show it; {@code off} for what is off. */
    @Override
    public String toString() {
        return "count " + (count == OFF ? "off" : count) + ", percentage "
                + (percentage == OFF ? "off" : percentage + "%");
    }
}
