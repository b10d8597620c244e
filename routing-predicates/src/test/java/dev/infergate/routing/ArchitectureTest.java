package dev.infergate.routing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.infergate.routing.core.canary.FrameworkTypedAlgorithm;
import org.junit.jupiter.api.Test;

final class ArchitectureTest {

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.infergate.routing");

    @Test
    void routingDoesNotDependOnTheApplication() {
        ArchitectureRules.ROUTING_DOES_NOT_DEPEND_ON_THE_APP.check(MAIN_CLASSES);
    }

    @Test
    void algorithmsAreFreeOfSpringReactorAndNetty() {
        ArchitectureRules.ALGORITHMS_ARE_FRAMEWORK_FREE.check(MAIN_CLASSES);
    }

    @Test
    void theAlgorithmRuleRejectsAnAlgorithmThatUsesReactor() {
        JavaClasses canary = new ClassFileImporter().importClasses(FrameworkTypedAlgorithm.class);

        assertThatThrownBy(() -> ArchitectureRules.ALGORITHMS_ARE_FRAMEWORK_FREE.check(canary))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("reactor.core.publisher.Mono");
    }

    @Test
    void theModuleRuleRejectsAClassThatUsesTheApplication() {
        JavaClasses canary = new ClassFileImporter().importClasses(dev.infergate.routing.core.canary.AppCoupledFilter.class);

        assertThatThrownBy(() -> ArchitectureRules.ROUTING_DOES_NOT_DEPEND_ON_THE_APP.check(canary))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("dev.infergate.gateway.AppOnlyType");
    }
}
