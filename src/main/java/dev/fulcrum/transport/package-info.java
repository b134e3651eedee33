/**
 * Socket plumbing every side of the balancer shares (client listeners, target pools, health checks, the admin
 * endpoint): the transport choice (io_uring, epoll, NIO), the idle timer, the {@code Leg} vocabulary both sides of
 * an exchange are driven with, and the typing of codec failures.
 */
package dev.fulcrum.transport;
