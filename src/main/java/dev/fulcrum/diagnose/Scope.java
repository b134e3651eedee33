package dev.fulcrum.diagnose;

/**
 * Which lines to diagnose: a time window (on the line's {@code time}) and a target group or target; a
 * {@code null} bound lets everything through.
 *
 * @param fromMicros first time included, epoch microseconds, or {@code null}
 * @param toMicros first time excluded, or {@code null}
 * @param targetGroup a target group name (or a whole ARN)
 * @param target {@code ip} or {@code ip:port}
 */
record Scope(Long fromMicros, Long toMicros, String targetGroup, String target) {

    static Scope all() {
        return new Scope(null, null, null, null);
    }

    boolean includes(LogEntry e) {
        if (fromMicros != null && e.timeMicros < fromMicros) {
            return false;
        }
        if (toMicros != null && e.timeMicros >= toMicros) {
            return false;
        }
        if (targetGroup != null && !targetGroup.equals(e.targetGroup)
                && !Fields.groupName(targetGroup).equals(e.targetGroup)) {
            return false;
        }
        if (target != null) {
            return e.target != null && (e.target.equals(target) || e.target.startsWith(target + ":"));
        }
        return true;
    }

    boolean isAll() {
        return fromMicros == null && toMicros == null && targetGroup == null && target == null;
    }
}
