package dev.fulcrum.config;

import java.util.List;

/** A rule action. Exactly one terminal action (forward, redirect or fixed-response) per rule. */
public sealed interface ActionConfig {

    /** The action's {@code type} as ALB spells it, also written to {@code actions_executed}. */
    String type();

    /** {@code forward}: to one target group, or split across weighted target groups. */
    record Forward(List<WeightedTargetGroup> targetGroups) implements ActionConfig {
        public Forward {
            targetGroups = List.copyOf(targetGroups);
        }

        @Override
        public String type() {
            return "forward";
        }
    }

    /** A target group of a forward action with its weight (0..999; proportional). */
    record WeightedTargetGroup(String name, int weight) {
        public static final int DEFAULT_WEIGHT = 1;
        public static final int MAX_WEIGHT = 999;
    }

    /**
     * {@code redirect}: each part may use #{protocol}, #{host}, #{port}, #{path}, #{query}; a {@code null} part
     * keeps the request's value.
     */
    record Redirect(String protocol, String host, String port, String path, String query, int statusCode)
            implements ActionConfig {

        public static final String KEEP_PROTOCOL = "#{protocol}";
        public static final String KEEP_HOST = "#{host}";
        public static final String KEEP_PORT = "#{port}";
        public static final String KEEP_PATH = "/#{path}";
        public static final String KEEP_QUERY = "#{query}";

        @Override
        public String type() {
            return "redirect";
        }
    }

    /** {@code fixed-response}: status 2XX, 4XX or 5XX, a content type, a body of at most 1024 characters. */
    record FixedResponse(int statusCode, String contentType, String messageBody) implements ActionConfig {

        public static final int MAX_BODY_CHARS = 1024;
        public static final List<String> CONTENT_TYPES =
                List.of("text/plain", "text/css", "text/html", "application/javascript", "application/json");

        @Override
        public String type() {
            return "fixed-response";
        }
    }
}
