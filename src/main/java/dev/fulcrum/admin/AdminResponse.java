package dev.fulcrum.admin;

import java.nio.charset.StandardCharsets;

/** What an admin resource answers. */
public record AdminResponse(int status, String contentType, byte[] body) {

    public static AdminResponse json(String json) {
        return new AdminResponse(200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    public static AdminResponse text(int status, String contentType, String text) {
        return new AdminResponse(status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    public static AdminResponse error(int status, String message) {
        return json("{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}")
                .withStatus(status);
    }

    public AdminResponse withStatus(int newStatus) {
        return new AdminResponse(newStatus, contentType, body);
    }
}
