/**
 * TLS for listeners and targets: ALB's security policies as TLS contexts, the certificate a client's ClientHello
 * gets (SNI, then key type, size and validity), certificates reloaded when their files change, and the handshake's
 * outcome for the log and the metrics.
 */
package dev.fulcrum.tls;
