/**
 * Picking a target among a target group's candidates: round robin, least outstanding requests and weighted
 * random; pure code without I/O, one {@link dev.fulcrum.balancing.Balancer} per event loop and target group.
 */
package dev.fulcrum.balancing;
