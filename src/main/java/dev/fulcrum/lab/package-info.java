/** Targets and clients that live inside the process: the demo's well-behaved targets and the lab's misbehaving ones. */
package dev.fulcrum.lab;
