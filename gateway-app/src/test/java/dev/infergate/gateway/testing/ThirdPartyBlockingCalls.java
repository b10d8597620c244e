package dev.infergate.gateway.testing;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The only blocking calls BlockHound lets pass on event loops in gateway tests: third-party
 * frames, each with the reason it is harmless. Our own code gets no entry here.
 */
public final class ThirdPartyBlockingCalls implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // Netty 4.2's adaptive allocator takes a short internal lock while it adds a magazine under
        // contention; Netty's own BlockHound integration does not list this frame yet.
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        // A blocking call fails where it happens, and the failure may be swallowed by whatever
        // called it (a request then simply never completes): print it too, so it is never silent.
        builder.blockingMethodCallback(method -> {
            reactor.blockhound.BlockingOperationError error = new reactor.blockhound.BlockingOperationError(method);
            error.printStackTrace();
            throw error;
        });
    }
}
