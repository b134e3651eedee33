package dev.fulcrum.routing;

import dev.fulcrum.config.ActionConfig;
import dev.fulcrum.config.ListenerConfig;
import dev.fulcrum.config.RuleConfig;
import java.util.List;

/**
 * A listener's rules, compiled once per configuration. {@link #route} walks the rules lowest priority first and
 * returns the first whose conditions all match (any value of a condition may match); when none does, the default
 * actions run with priority {@link RuleConfig#DEFAULT_RULE_PRIORITY}.
 *
 * <p>Immutable and so safe to share between event loops; routing allocates only what query-string matching
 * decodes.
 */
public final class Router {

    private final Rule[] rules;
    private final Route defaultRoute;

    private Router(Rule[] rules, Route defaultRoute) {
        this.rules = rules;
        this.defaultRoute = defaultRoute;
    }

    /**
     * Compiles {@code listener}, which the validator already accepted.
     *
     * @throws IllegalArgumentException when the config is one the validator should have refused, for example a
     *         rule without actions or a source-ip value that is not a CIDR block
     */
    public static Router compile(ListenerConfig listener) {
        Rule[] rules = new Rule[listener.rules().size()];
        for (int i = 0; i < rules.length; i++) {
            RuleConfig rule = listener.rules().get(i);
            String where = "rules[" + i + "] (priority " + rule.priority() + ")";
            Condition[] conditions = rule.conditions().stream().map(Condition::compile).toArray(Condition[]::new);
            rules[i] = new Rule(conditions, new Route(rule.priority(), terminalAction(rule.actions(), where)));
        }
        Route defaultRoute = new Route(RuleConfig.DEFAULT_RULE_PRIORITY,
                terminalAction(listener.defaultActions(), "defaultActions"));
        return new Router(rules, defaultRoute);
    }

    /**
     * ALB requires the one forward, redirect or fixed-response action to come last; whatever precedes it would be
     * an authenticate action, which this model does not have.
     */
    private static Action terminalAction(List<ActionConfig> actions, String where) {
        if (actions.isEmpty()) {
            throw new IllegalArgumentException(where + ": no actions (expected: one forward, redirect or "
                    + "fixed-response action)");
        }
        ActionConfig last = actions.get(actions.size() - 1);
        if (last instanceof ActionConfig.Forward forward) {
            return new ForwardAction(forward.targetGroups());
        }
        if (last instanceof ActionConfig.Redirect redirect) {
            return RedirectAction.of(redirect);
        }
        if (last instanceof ActionConfig.FixedResponse fixed) {
            return new FixedResponseAction(fixed.statusCode(), fixed.contentType(), fixed.messageBody());
        }
        throw new IllegalArgumentException(where + ": unknown action " + last);
    }

    /** The route for {@code request}: the first matching rule's, else the default one. Never throws. */
    public Route route(RequestView request) {
        for (Rule rule : rules) {
            if (rule.matches(request)) {
                return rule.route;
            }
        }
        return defaultRoute;
    }

    private record Rule(Condition[] conditions, Route route) {

        boolean matches(RequestView request) {
            for (Condition condition : conditions) {
                if (!condition.matches(request)) {
                    return false;
                }
            }
            return true;
        }
    }
}
