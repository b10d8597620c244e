package dev.infergate.testing;

import java.util.List;

/** Thrown after a test class during which Netty buffers were dropped without being released. */
public final class NettyLeakError extends AssertionError {

    private static final long serialVersionUID = 1L;

    NettyLeakError(String testClass, List<String> leaks) {
        super("Netty LEAK in or before " + testClass + ": " + leaks.size() + " unreleased buffer(s)\n"
                + String.join("\n", leaks));
    }
}
