/**
 * The configuration model: immutable records named as ALB users know them, the YAML loader, and the validator
 * that reports every problem with its path. Imports nothing from Netty.
 */
package dev.fulcrum.config;
