/**
 * Request-smuggling defence as ALB and CLB do it: each request head classified into a tier with a reason, from its
 * raw bytes or from its parts, without I/O.
 */
package dev.fulcrum.desync;
