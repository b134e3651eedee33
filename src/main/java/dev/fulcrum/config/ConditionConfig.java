package dev.fulcrum.config;

import java.util.List;

/**
 * A rule condition ({@code field} in ALB's API). Within one condition any value may match; all conditions of a
 * rule must match.
 */
public sealed interface ConditionConfig {

    /** The condition's {@code field} name as ALB spells it. */
    String field();

    /** {@code host-header}: case-insensitive, wildcards {@code *} and {@code ?}. */
    record HostHeader(List<String> values) implements ConditionConfig {
        public HostHeader {
            values = List.copyOf(values);
        }

        @Override
        public String field() {
            return "host-header";
        }
    }

    /** {@code path-pattern}: case-sensitive, wildcards, matched against the path without the query. */
    record PathPattern(List<String> values) implements ConditionConfig {
        public PathPattern {
            values = List.copyOf(values);
        }

        @Override
        public String field() {
            return "path-pattern";
        }
    }

    /** {@code http-header}: header name and values case-insensitive, wildcards in values. */
    record HttpHeader(String httpHeaderName, List<String> values) implements ConditionConfig {
        public HttpHeader {
            values = List.copyOf(values);
        }

        @Override
        public String field() {
            return "http-header";
        }
    }

    /** {@code http-request-method}: case-sensitive, no wildcards. */
    record HttpRequestMethod(List<String> values) implements ConditionConfig {
        public HttpRequestMethod {
            values = List.copyOf(values);
        }

        @Override
        public String field() {
            return "http-request-method";
        }
    }

    /** {@code query-string}: key/value pairs (key optional), case-insensitive, wildcards. */
    record QueryString(List<KeyValue> values) implements ConditionConfig {
        public QueryString {
            values = List.copyOf(values);
        }

        @Override
        public String field() {
            return "query-string";
        }
    }

    /** {@code source-ip}: CIDR blocks, IPv4 or IPv6, matched against the client's address. */
    record SourceIp(List<String> values) implements ConditionConfig {
        public SourceIp {
            values = List.copyOf(values);
        }

        @Override
        public String field() {
            return "source-ip";
        }
    }

    /** A query-string match value; {@code key} is {@code null} when only the value is matched. */
    record KeyValue(String key, String value) {
    }
}
