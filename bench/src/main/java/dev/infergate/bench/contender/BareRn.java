package dev.infergate.bench.contender;

import dev.infergate.bench.process.Executables;
import dev.infergate.bench.process.Launched;
import dev.infergate.bench.process.Role;
import dev.infergate.bench.proxy.BareProxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** {@link BareProxy} in a JVM of its own, with the common JVM flags. */
final class BareRn implements Contender {

    @Override
    public String name() {
        return "bare-rn";
    }

    @Override
    public Running launch(ContenderContext context) {
        int port = context.ports().next();
        List<String> command = new ArrayList<>(List.of(Executables.java()));
        command.addAll(context.jvmFlags().flags());
        command.addAll(List.of("-cp", context.classpath(), BareProxy.class.getName(),
                "--port", Integer.toString(port), "--backend", context.backend().address()));
        Launched launched = context.supervisor().start(name(), Role.SYSTEM, command, context.workDir());
        URI base = URI.create("http://127.0.0.1:" + port);
        return new Running(name(), "none: forwards every request, streams the response", base, base, launched.handle(),
                true, launched);
    }
}
