package dev.infergate.routing.split;

/**
 * A public model name and the name the upstream serves it under.
 *
 * @param from the model name clients send
 * @param to the model name the upstream receives
 */
public record ModelAlias(String from, String to) {

    public ModelAlias {
        if (from.isBlank()) {
            throw new IllegalArgumentException("from: \"" + from + "\" (expected: a model name, not blank)");
        }
        if (to.isBlank()) {
            throw new IllegalArgumentException("to: \"" + to + "\" (expected: a model name, not blank)");
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("to: \"" + to + "\" (expected: a name other than from)");
        }
    }
}
