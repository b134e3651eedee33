package dev.fulcrum.config;

/**
 * The load balancer's {@code access_logs.*} attributes: whether and where one line per request is written.
 * ALB delivers gzipped files to S3 every 5 minutes; Fulcrum writes the same files into a local folder, or the
 * lines to standard output.
 *
 * @param enabled {@code access_logs.enabled} (default false, as ALB's {@code access_logs.s3.enabled})
 * @param path {@code access_logs.path}: a folder, or {@code -} for standard output (the default)
 * @param format {@code access_logs.format}: {@code alb} (default), {@code clb} or {@code json}
 * @param intervalMinutes {@code access_logs.interval_minutes}: 5 (default, ALB's interval) or 60 (CLB's other
 *     choice); a new file starts each interval
 * @param compress {@code access_logs.compress}: gzip the files, as ALB does (default true; not for stdout)
 */
public record AccessLogAttributes(boolean enabled, String path, Format format, int intervalMinutes,
        boolean compress) {

    public static final String STDOUT = "-";
    public static final int DEFAULT_INTERVAL_MINUTES = 5;

    /** The line formats. */
    public enum Format {
        ALB, CLB, JSON;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static AccessLogAttributes defaults() {
        return new AccessLogAttributes(false, STDOUT, Format.ALB, DEFAULT_INTERVAL_MINUTES, true);
    }

    public boolean toStdout() {
        return STDOUT.equals(path);
    }

    public AccessLogAttributes withEnabled(boolean value) {
        return new AccessLogAttributes(value, path, format, intervalMinutes, compress);
    }

    public AccessLogAttributes withPath(String value) {
        return new AccessLogAttributes(enabled, value, format, intervalMinutes, compress);
    }

    public AccessLogAttributes withFormat(Format value) {
        return new AccessLogAttributes(enabled, path, value, intervalMinutes, compress);
    }
}
