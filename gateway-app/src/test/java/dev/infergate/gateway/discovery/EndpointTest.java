package dev.infergate.gateway.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class EndpointTest {

    @Test
    void aStaticAddressMayNameItsZone() {
        assertThat(Endpoint.parse("10.0.0.7:8000")).isEqualTo(new Endpoint("10.0.0.7", 8000, "local"));
        assertThat(Endpoint.parse("gpu-3.internal:8001@eu-west-1b")).isEqualTo(new Endpoint("gpu-3.internal", 8001, "eu-west-1b"));
    }

    @Test
    void malformedAddressesAreRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> Endpoint.parse("nohost")).hasMessage("address: nohost (expected: host:port or host:port@zone)");
        assertThatThrownBy(() -> Endpoint.parse("h:1@")).hasMessage("address: h:1@ (expected: host:port or host:port@zone)");
        assertThatThrownBy(() -> Endpoint.parse("h:0")).hasMessage("port: 0 (expected: 1..65535)");
    }
}
