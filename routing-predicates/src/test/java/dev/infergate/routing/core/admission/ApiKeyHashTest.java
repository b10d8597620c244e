package dev.infergate.routing.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

final class ApiKeyHashTest {

    @Test
    void isSha256HexOfTheUtf8KeyAsSha256sumPrintsIt() {
        assertThat(ApiKeyHash.of("abc").value())
                .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKeyHash.of("abc")).hasToString(ApiKeyHash.of("abc").value());
    }

    @Test
    void aConfiguredHashMustHaveTheDocumentedForm() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ApiKeyHash("sk-live-secret"))
                .withMessage("api key hash: expected \"sha256:\" and 64 lowercase hex digits");
        assertThat(ApiKeyHash.isValid("sha256:BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD")).isFalse();
    }
}
