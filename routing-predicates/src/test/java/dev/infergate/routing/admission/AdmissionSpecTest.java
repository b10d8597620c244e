package dev.infergate.routing.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

final class AdmissionSpecTest {

    private static AdmissionGatewayFilterFactory.Config config(String key, String... limits) {
        AdmissionGatewayFilterFactory.Config config = new AdmissionGatewayFilterFactory.Config();
        config.setKey(key);
        config.setLimits(List.of(limits));
        return config;
    }

    @Test
    void aKeyIsRequiredUnlessTheRouteSaysOtherwise() {
        assertThat(new AdmissionGatewayFilterFactory.Config().toSpec()).isEqualTo(new AdmissionSpec(KeyRequirement.REQUIRED, List.of()));
        assertThat(config("Optional", " route-requests ").toSpec())
                .isEqualTo(new AdmissionSpec(KeyRequirement.OPTIONAL, List.of("route-requests")));
    }

    @Test
    void invalidArgumentsAreRefusedWithExactMessages() {
        assertThatIllegalArgumentException().isThrownBy(() -> config("sometimes").toSpec())
                .withMessage("key: \"sometimes\" (expected: required or optional)");
        assertThatIllegalArgumentException().isThrownBy(() -> config("required", "Route Requests").toSpec())
                .withMessage("limits: \"Route Requests\" (expected: a limit name of a-z, 0-9 and -)");
    }

    @Test
    void bucketKeysNeedATenantExceptForRouteLimits() {
        assertThat(BucketKeys.of(dev.infergate.routing.core.admission.LimitScope.ROUTE, null, "chat")).isEqualTo("r:chat");
        assertThat(BucketKeys.of(dev.infergate.routing.core.admission.LimitScope.TENANT, null, "chat")).isNull();
        assertThat(BucketKeys.of(dev.infergate.routing.core.admission.LimitScope.TENANT_ROUTE, "acme", "chat")).isEqualTo("tr:acme:chat");
    }
}
