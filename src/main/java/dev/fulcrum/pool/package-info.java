/**
 * Connections to targets: one pool per event loop, keyed by target address, so an exchange takes and returns
 * connections without locks; the socket transport choice.
 */
package dev.fulcrum.pool;
