package dev.infergate.routing.predicate;

import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@code Model} predicate matches: one of these model names, read from the header when one
 * is named, else from the request (see {@link RequestModels}). Names compare exactly.
 *
 * @param models the model names, at least one, none blank
 * @param header the header to read the model from instead of the path and body, or {@code null}
 */
public record ModelMatch(List<String> models, @Nullable String header) {

    public ModelMatch {
        models = List.copyOf(models);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("models: [] (expected: at least one model name)");
        }
        for (int i = 0; i < models.size(); i++) {
            if (models.get(i).isBlank()) {
                throw new IllegalArgumentException("models[" + i + "]: \"" + models.get(i) + "\" (expected: not blank)");
            }
        }
        if (header != null) {
            HeaderNames.require("header", header);
        }
    }

    public Optional<String> headerName() {
        return Optional.ofNullable(header);
    }

    boolean matches(RequestModel model) {
        return model.modelName().filter(models::contains).isPresent();
    }
}
