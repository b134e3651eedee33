/** The shared vocabulary: the catalog of balancer-generated outcomes, exchange phases, identifiers. */
package dev.fulcrum.core;
