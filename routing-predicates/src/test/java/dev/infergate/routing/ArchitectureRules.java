package dev.infergate.routing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/** The module's dependency rules, shared by the check and its canary. */
final class ArchitectureRules {

    static final ArchRule ROUTING_DOES_NOT_DEPEND_ON_THE_APP = noClasses()
            .that().resideInAPackage("dev.infergate.routing..")
            .should().dependOnClassesThat().resideInAPackage("dev.infergate.gateway..")
            .because("routing-predicates is a library; the application depends on it, never the reverse");

    static final ArchRule ALGORITHMS_ARE_FRAMEWORK_FREE = noClasses()
            .that().resideInAPackage("dev.infergate.routing.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "reactor..", "io.netty..", "org.reactivestreams..")
            .because("algorithms stay plain Java, unit-tested in milliseconds without a framework");

    private ArchitectureRules() {
    }
}
