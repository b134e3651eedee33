/**
 * Listener rules compiled once per configuration into a {@link dev.fulcrum.routing.Router} that turns a request's
 * head into the {@link dev.fulcrum.routing.Action} to run; pure code that imports nothing from Netty.
 */
package dev.fulcrum.routing;
