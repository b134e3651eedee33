/**
 * {@code fulcrum diagnose}: reads access logs (ALB's, CLB's and Fulcrum's JSON lines), tells which errors the
 * balancer made and which the targets passed through, and explains the balancer's from the evidence in the log,
 * with the causes and remedies of the {@link dev.fulcrum.core.LbError} catalog. Depends on core and config only.
 */
package dev.fulcrum.diagnose;
