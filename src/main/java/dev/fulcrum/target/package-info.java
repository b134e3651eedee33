/** Runtime target groups and targets: addresses, weights, in-flight counts, registration and health state. */
package dev.fulcrum.target;
