/**
 * The HTTP/1.1 client side: one Netty pipeline per connection, the connection limit, the request head's deadline
 * and the idle timeout, pipelining, and the request codec whose every failure carries its outcome.
 */
package dev.fulcrum.listener;
