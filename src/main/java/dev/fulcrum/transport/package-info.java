/**
 * Socket plumbing every side of the balancer shares (client listeners, target pools, health checks, the admin
 * endpoint): the transport choice (io_uring, epoll, NIO) and the idle timer.
 */
package dev.fulcrum.transport;
