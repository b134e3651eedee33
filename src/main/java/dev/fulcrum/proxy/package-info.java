/**
 * One {@link dev.fulcrum.proxy.Exchange} per request: routing result, target pick, forwarding in both directions
 * with backpressure, the phase it is in and its single outcome.
 */
package dev.fulcrum.proxy;
