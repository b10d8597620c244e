package dev.infergate.sim.server;

import org.jspecify.annotations.Nullable;

/** A request the simulator refuses, rendered as an OpenAI-style error body. */
final class InvalidRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final @Nullable String param;
    private final @Nullable String code;

    InvalidRequest(int status, String type, String message, @Nullable String param, @Nullable String code) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    static InvalidRequest badRequest(String message, @Nullable String param) {
        return new InvalidRequest(400, "invalid_request_error", message, param, null);
    }

    static InvalidRequest unknownModel(String model) {
        return new InvalidRequest(404, "invalid_request_error",
                "The model `" + model + "` does not exist.", "model", "model_not_found");
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    @Nullable String param() {
        return param;
    }

    @Nullable String code() {
        return code;
    }
}
