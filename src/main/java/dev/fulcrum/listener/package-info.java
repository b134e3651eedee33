/**
 * The client side: one Netty pipeline per listener connection, request limits, idle timeouts, pipelining, and
 * decoder failures turned into the catalog's statuses.
 */
package dev.fulcrum.listener;
