package dev.fulcrum.admin;

import io.netty.handler.codec.http.FullHttpRequest;

/**
 * One resource of the admin endpoint, served at an exact path. Runs on the admin server's own thread, never on a
 * data-path event loop, so it may build JSON or text at leisure but must not block for long.
 */
public interface AdminResource {

    /** The exact path, e.g. {@code /api/v1/target-health}. */
    String path();

    AdminResponse handle(FullHttpRequest request) throws Exception;
}
