package dev.infergate.routing.split;

import java.util.List;

/**
 * A traffic split that cannot be used, with every problem found. Each problem names the field by
 * its path and says what was expected: {@code split.destinations[1].weight: -5 (expected: >= 0)}.
 */
public final class InvalidSplitException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public InvalidSplitException(List<String> problems) {
        super(String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems: [] (expected: at least one problem)");
        }
        this.problems = List.copyOf(problems);
    }

    static InvalidSplitException of(String field, String problem) {
        return new InvalidSplitException(List.of(field + ": " + problem));
    }

    /** One problem per entry, in the order found. */
    public List<String> problems() {
        return problems;
    }

    /** The same problems with their paths placed under {@code prefix}. */
    InvalidSplitException within(String prefix) {
        return new InvalidSplitException(problems.stream().map(problem -> prefix + "." + problem).toList());
    }
}
