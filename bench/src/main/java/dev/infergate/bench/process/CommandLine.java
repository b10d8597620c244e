package dev.infergate.bench.process;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code --name value} arguments of the harness's small server processes. Unknown names are
 * kept and ignored; a name without a value is an error, so a typo in a launch command fails fast.
 */
public final class CommandLine {

    private final Map<String, String> values;

    private CommandLine(Map<String, String> values) {
        this.values = values;
    }

    public static CommandLine parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
            }
            values.put(args[i], args[++i]);
        }
        return new CommandLine(values);
    }

    public int intValue(String name, int fallback) {
        String value = values.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }

    public String value(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }
}
