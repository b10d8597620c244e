package dev.infergate.gateway;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** BlockHound is installed in the gateway's test JVMs: a blocking call on a non-blocking thread fails. */
final class BlockHoundCanaryTest {

    @Test
    void aBlockingCallOnANonBlockingThreadIsReported() {
        Mono<Integer> blocking = Mono.fromCallable(() -> {
            Thread.yield(); // counts as blocking for BlockHound
            return 1;
        }).subscribeOn(Schedulers.parallel());

        assertThatThrownBy(() -> blocking.block(Duration.ofSeconds(5)))
                .hasCauseInstanceOf(BlockingOperationError.class)
                .hasMessageContaining("java.lang.Thread.yield");
    }
}
