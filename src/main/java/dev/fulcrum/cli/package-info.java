/** The {@code fulcrum} command: its subcommands, signal handling, and what they print. */
package dev.fulcrum.cli;
