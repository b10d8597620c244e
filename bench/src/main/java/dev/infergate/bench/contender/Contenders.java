package dev.infergate.bench.contender;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Every contender the harness knows, by name, in the order tables list them. */
public final class Contenders {

    public static final String DIRECT = "direct";
    public static final String NGINX = "nginx";
    public static final String HAPROXY = "haproxy";
    public static final String BARE_RN = "bare-rn";
    public static final String VANILLA_SCG = "vanilla-scg";
    public static final String INFERGATE = "infergate";
    public static final String INFERGATE_FULL = "infergate-full";
    public static final String INFERGATE_LIMIT = "infergate-limit";
    public static final String INFERGATE_LIMIT_REDIS = "infergate-limit-redis";

    /** The contenders whose route has a rate limit. */
    public static final Set<String> LIMITED = Set.of(INFERGATE_LIMIT, INFERGATE_LIMIT_REDIS, INFERGATE_FULL);

    private static final Map<String, Contender> ALL = new LinkedHashMap<>();

    static {
        List.of(new Direct(), new Nginx(), new Haproxy(), new BareRn(), new VanillaScg(),
                new Infergate(INFERGATE, InfergatePolicies.none(), false),
                new Infergate(INFERGATE_LIMIT, FullChain.limitOnly("in memory"), false),
                new Infergate(INFERGATE_LIMIT_REDIS, FullChain.limitOnly("in Redis; Redis's own CPU not counted"), true),
                new Infergate(INFERGATE_FULL, FullChain.all(), false))
                .forEach(contender -> ALL.put(contender.name(), contender));
    }

    private Contenders() {
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** The contenders named, in the catalogue's order; an unknown name is an error that lists the known ones. */
    public static List<Contender> named(List<String> names) {
        names.forEach(name -> {
            if (!ALL.containsKey(name)) {
                throw new IllegalArgumentException("unknown contender " + name + "; expected some of " + names());
            }
        });
        return ALL.values().stream().filter(contender -> names.contains(contender.name())).toList();
    }

    public static List<String> parse(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }
}
