/** The immutable record of each exchange and where it goes: access log formats and writers, metric names. */
package dev.fulcrum.observability;
