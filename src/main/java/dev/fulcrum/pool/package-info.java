/**
 * Connections to targets: one pool per event loop, keyed by target address, so an exchange takes and returns
 * connections without locks; the target codec, whose every failure carries its outcome.
 */
package dev.fulcrum.pool;
