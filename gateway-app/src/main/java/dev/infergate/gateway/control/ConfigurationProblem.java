package dev.infergate.gateway.control;

/**
 * One thing wrong with a configuration document.
 *
 * @param pointer a JSON pointer to the offending field ({@code /routes/0/uri})
 * @param message what is wrong and what is expected
 */
public record ConfigurationProblem(String pointer, String message) {

    @Override
    public String toString() {
        return pointer + ": " + message;
    }
}
