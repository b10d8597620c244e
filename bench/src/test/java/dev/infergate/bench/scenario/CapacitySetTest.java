package dev.infergate.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import reactor.netty.http.HttpProtocol;

final class CapacitySetTest {

    @Test
    void clientsUseOneConnectionPerStreamWhileTheProxyMayHoldTwoSocketsEach() {
        assertThat(CapacitySet.protocolFor(1000, 20_000)).isEqualTo(HttpProtocol.HTTP11);
        assertThat(CapacitySet.protocolFor(10_000, 20_000)).isEqualTo(HttpProtocol.H2C);
        assertThat(CapacitySet.protocolFor(10_000, 1_048_576)).isEqualTo(HttpProtocol.HTTP11);
    }
}
