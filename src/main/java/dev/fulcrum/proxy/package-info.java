/**
 * One {@link dev.fulcrum.proxy.Exchange} per request, whatever protocol carries it: the exchange talks to a
 * {@link dev.fulcrum.proxy.ClientStream} (an HTTP/1.1 connection today, an HTTP/2 stream later) and coordinates
 * parts with one job each: the head checks ({@code RequestChecks}), the target pick ({@code Dispatch}), the target
 * connection ({@code TargetLeg}), the response's states ({@code ResponseRelay}, {@code ResponseFraming}), the one
 * keep-alive decision ({@code KeepAlive}), the tunnel, the balancer's own replies ({@code LocalReply}) and the
 * outcome with its first cause and real phase ({@code Outcome}). See docs/architecture.md.
 */
package dev.fulcrum.proxy;
