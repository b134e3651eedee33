package dev.fulcrum.routing;

import dev.fulcrum.config.ActionConfig;
import java.util.Locale;

/**
 * Answers with a 301 or 302 whose Location is {@code protocol://host:port/path?query}, each part from the rule's
 * redirect config with its {@code #{...}} keywords filled from the request. A part the config leaves out keeps the
 * request's value. The port is always written, even when it is the protocol's default: one fixed shape is easier
 * to read in logs and to test than ALB's undocumented omissions.
 */
public final class RedirectAction implements Action {

    /** Longest Location a redirect may produce (ALB: 8 KiB, else 507). */
    public static final int MAX_LOCATION = 8 * 1024;

    private final int statusCode;
    private final LocationTemplate protocol;
    private final LocationTemplate host;
    private final LocationTemplate port;
    private final LocationTemplate path;
    private final LocationTemplate query;

    private RedirectAction(ActionConfig.Redirect config) {
        statusCode = config.statusCode();
        protocol = template(config.protocol(), ActionConfig.Redirect.KEEP_PROTOCOL);
        host = template(config.host(), ActionConfig.Redirect.KEEP_HOST);
        port = template(config.port(), ActionConfig.Redirect.KEEP_PORT);
        path = template(config.path(), ActionConfig.Redirect.KEEP_PATH);
        query = template(config.query(), ActionConfig.Redirect.KEEP_QUERY);
    }

    /** Compiles a redirect the validator already accepted. */
    public static RedirectAction of(ActionConfig.Redirect config) {
        return new RedirectAction(config);
    }

    private static LocationTemplate template(String configured, String keep) {
        return LocationTemplate.compile(configured == null ? keep : configured);
    }

    @Override
    public String type() {
        return "redirect";
    }

    /** 301 or 302. */
    public int statusCode() {
        return statusCode;
    }

    /**
     * The Location URL for {@code request}.
     *
     * @param protocol the listener's protocol ({@code http} or {@code https}, any case) for {@code #{protocol}}
     * @param listenerPort the port the client connected to, for {@code #{port}}
     */
    public String location(RequestView request, String protocol, int listenerPort) {
        String requestPath = request.path() == null ? "" : request.path();
        LocationTemplate.Values values = new LocationTemplate.Values(
                protocol == null ? "" : protocol.toLowerCase(Locale.ROOT),
                request.host() == null ? "" : request.hostWithoutPort(),
                Integer.toString(listenerPort),
                requestPath.startsWith("/") ? requestPath.substring(1) : requestPath,
                request.query() == null ? "" : request.query());
        String renderedPath = path.render(values);
        String renderedQuery = query.render(values);
        StringBuilder location = new StringBuilder(64)
                .append(this.protocol.render(values).toLowerCase(Locale.ROOT))
                .append("://")
                .append(host.render(values))
                .append(':')
                .append(port.render(values));
        if (!renderedPath.startsWith("/")) {
            location.append('/'); // keeps the URL well formed whatever the path template produced
        }
        location.append(renderedPath);
        if (!renderedQuery.isEmpty()) {
            location.append('?').append(renderedQuery);
        }
        return location.toString();
    }

    @Override
    public String toString() {
        return "redirect " + statusCode + ' ' + protocol + "://" + host + ':' + port + path + '?' + query;
    }
}
