package dev.infergate.routing.core.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/** Collects the fields of {@link Usage} as a scanner meets them. */
final class UsageFields {

    private @Nullable String model;
    private OptionalLong input = OptionalLong.empty();
    private OptionalLong output = OptionalLong.empty();
    private final List<String> finishReasons = new ArrayList<>();

    void model(String value) {
        if (model == null) {
            model = value;
        }
    }

    void input(long value) {
        input = OptionalLong.of(value);
    }

    void output(long value) {
        output = OptionalLong.of(value);
    }

    void finishReason(String value) {
        if (finishReasons.size() < 16) {
            finishReasons.add(value);
        }
    }

    Usage usage() {
        return new Usage(model, input, output, finishReasons);
    }
}
