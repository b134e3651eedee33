package dev.fulcrum.routing;

/** What a matched rule does with the request: the terminal action of the rule. */
public sealed interface Action permits ForwardAction, RedirectAction, FixedResponseAction {

    /** The action's type as ALB spells it, also written to {@code actions_executed}. */
    String type();
}
