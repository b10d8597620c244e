package dev.infergate.gateway.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem the gateway answers itself.
 *
 * @param slug the last segment of the problem's type URI ({@code no-route})
 * @param status the HTTP status
 * @param title a short summary, the same for every occurrence of this type
 * @param detail what happened to this request
 */
public record Problem(String slug, int status, String title, String detail) {

    public static final String TYPE_BASE = "https://infergate.dev/problems/";
    public static final String MEDIA_TYPE = "application/problem+json";

    public Map<String, Object> body(String instance, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", instance);
        body.put("requestId", requestId);
        return body;
    }
}
