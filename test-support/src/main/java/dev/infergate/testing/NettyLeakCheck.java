package dev.infergate.testing;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when a Netty buffer leak was found while it ran.
 *
 * <p>Registered for every test class through JUnit's extension auto-detection (the parent build
 * enables it), so a leak fails the build rather than leaving a line in a log.
 */
public final class NettyLeakCheck implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = LeakRecords.collect();
        if (!leaks.isEmpty()) {
            throw new NettyLeakError(context.getDisplayName(), leaks);
        }
    }
}
