/** Health checks as ALB sends them, off the data path, and the target health states and reason codes they set. */
package dev.fulcrum.health;
