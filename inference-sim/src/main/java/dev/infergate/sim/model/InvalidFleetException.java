package dev.infergate.sim.model;

/**
 * A fleet file that cannot be used. The message names the place ({@code servers[1].maxBatch}),
 * the value found and what was expected, e.g.
 * {@code servers[1]: unknown key "maxbatch" (expected one of: name, models, ...)}.
 */
public final class InvalidFleetException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidFleetException(String message) {
        super(message);
    }

    public InvalidFleetException(String message, Throwable cause) {
        super(message, cause);
    }
}
