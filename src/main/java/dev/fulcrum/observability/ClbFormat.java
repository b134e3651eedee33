package dev.fulcrum.observability;

/**
 * The Classic Load Balancer's access-log entry: {@code time elb client:port backend:port request_processing_time
 * backend_processing_time response_processing_time elb_status_code backend_status_code received_bytes sent_bytes
 * "request" "user_agent" ssl_cipher ssl_protocol}, times in seconds with microseconds. As CLB's, {@code time} is
 * when the request was received, {@code elb} is the load balancer's name, and the byte counts are bodies only.
 */
final class ClbFormat implements AccessLogFormat {

    private final String name;

    ClbFormat(String loadBalancerName) {
        this.name = loadBalancerName;
    }

    @Override
    public String format(ExchangeRecord r) {
        return LogFields.time(r.requestCreationTime())
                + ' ' + name
                + ' ' + LogFields.address(r.client())
                + ' ' + LogFields.orAbsent(r.target())
                + ' ' + LogFields.secondsMicros(r.requestProcessingNanos())
                + ' ' + LogFields.secondsMicros(r.targetProcessingNanos())
                + ' ' + LogFields.secondsMicros(r.responseProcessingNanos())
                + ' ' + LogFields.status(r.elbStatus())
                + ' ' + LogFields.status(r.targetStatus())
                + ' ' + (r.requestBodyBytes() == ExchangeRecord.NOT_COUNTED ? r.receivedBytes() : r.requestBodyBytes())
                + ' ' + (r.responseBodyBytes() == ExchangeRecord.NOT_COUNTED ? r.sentBytes() : r.responseBodyBytes())
                + " \"" + LogFields.quotable(LogFields.request(r, LogFields.scheme(r.type()))) + '"'
                + " \"" + LogFields.quotable(r.userAgent()) + '"'
                + (r.tls() == null ? " - -" : ' ' + r.tls().cipher() + ' ' + r.tls().protocol());
    }
}
