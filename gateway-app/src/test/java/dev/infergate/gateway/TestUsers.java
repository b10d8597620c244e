package dev.infergate.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The admin users every test context has (see the test configuration). */
final class TestUsers {

    static final String OPERATOR = "operator";
    static final String OPERATOR_PASSWORD = "operator-test-password";
    static final String VIEWER = "viewer";
    static final String VIEWER_PASSWORD = "viewer-test-password";

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String operator() {
        return basic(OPERATOR, OPERATOR_PASSWORD);
    }

    static String viewer() {
        return basic(VIEWER, VIEWER_PASSWORD);
    }

    private TestUsers() {
    }
}
