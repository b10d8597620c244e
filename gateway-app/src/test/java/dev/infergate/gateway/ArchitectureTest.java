package dev.infergate.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

final class ArchitectureTest {

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.infergate.gateway");

    @Test
    void onlyTheDemoFleetUsesTheSimulator() {
        noClasses().that().doNotHaveSimpleName("DemoFleet").and().doNotHaveSimpleName("DemoFleets")
                .should().dependOnClassesThat().resideInAPackage("dev.infergate.sim..")
                .because("the gateway reaches inference servers over sockets; only the demo fleet starts simulated ones")
                .check(MAIN_CLASSES);
    }
}
