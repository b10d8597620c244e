package dev.infergate.routing.core.balance;

/** The result of picking an endpoint for one request: a choice, or why there is none. */
public sealed interface Pick {

    /** An endpoint was chosen. */
    record Picked(Choice choice) implements Pick {
    }

    /**
     * No endpoint may take the request.
     *
     * @param reason why
     * @param endpoints how many endpoints the pool has
     */
    record Unavailable(Reason reason, int endpoints) implements Pick {

        public String message() {
            return reason.message;
        }
    }

    /** Why no endpoint could be picked. */
    enum Reason {
        NO_ENDPOINTS("the pool has no endpoints"),
        ALL_EJECTED("every endpoint of the pool is ejected"),
        ALL_TRIED("every endpoint of the pool was already tried for this request"),
        ALL_EJECTED_OR_TRIED("every endpoint of the pool is ejected or was already tried for this request");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }
}
