package dev.infergate.gateway.control;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The one validator every change passes, in this order: the expression scan (before anything is
 * bound), the document's structure, then every route bound through the real factories, every
 * pool's strategy, every section by its registered validator, and, when all parts are valid, the
 * references between them. All problems are reported at once.
 */
public final class ConfigurationValidator {

    private final LiveConfigurationReader reader = new LiveConfigurationReader();
    private final RouteCompiler compiler;
    private final PoolValidator pools;
    private final Map<String, SectionValidator> sections;
    private final List<ReferenceValidator> references;

    public ConfigurationValidator(RouteCompiler compiler, PoolValidator pools, List<SectionValidator> sections,
            List<ReferenceValidator> references) {
        this.compiler = compiler;
        this.pools = pools;
        this.sections = sections.stream().collect(Collectors.toMap(SectionValidator::section, Function.identity()));
        this.references = List.copyOf(references);
    }

    /**
     * The document, when valid.
     *
     * @throws InvalidConfigurationException listing every problem
     */
    public LiveConfiguration validate(JsonNode document) {
        List<ConfigurationProblem> problems = new ArrayList<>(ExpressionScan.scan(document, ""));
        LiveConfiguration configuration;
        try {
            configuration = reader.read(document);
        } catch (InvalidConfigurationException structural) {
            problems.addAll(structural.problems());
            throw new InvalidConfigurationException(problems);
        }
        Set<String> ids = new HashSet<>();
        Set<String> poolNames = configuration.pools().stream().map(PoolDefinition::name).collect(Collectors.toSet());
        for (int i = 0; i < configuration.routes().size(); i++) {
            String pointer = "/routes/" + i;
            String id = configuration.routes().get(i).getId();
            if (!ids.add(id)) {
                problems.add(new ConfigurationProblem(pointer + "/id", "duplicate route id " + id));
            }
            if (problems.stream().noneMatch(problem -> problem.pointer().startsWith(pointer + "/"))) {
                problems.addAll(compiler.check(configuration.routes().get(i), pointer, poolNames));
            }
        }
        for (int i = 0; i < configuration.pools().size(); i++) {
            problems.addAll(pools.validate(configuration.pools().get(i), "/pools/" + i));
        }
        configuration.sections().forEach((name, section) -> {
            String pointer = "/sections/" + ExpressionScan.escape(name);
            SectionValidator validator = sections.get(name);
            if (validator == null) {
                problems.add(new ConfigurationProblem(pointer, "unknown section " + name + "; expected one of "
                        + sections.keySet().stream().sorted().toList()));
            } else {
                problems.addAll(validator.validate(section, pointer));
            }
        });
        if (problems.isEmpty()) {
            references.forEach(reference -> problems.addAll(reference.validate(configuration)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidConfigurationException(problems);
        }
        return configuration;
    }

    public boolean isRegisteredSection(String name) {
        return sections.containsKey(name);
    }
}
