package dev.infergate.bench.contender;

/** No proxy: clients talk to the backend itself. The baseline every added latency is measured from. */
final class Direct implements Contender {

    @Override
    public String name() {
        return "direct";
    }

    @Override
    public Running launch(ContenderContext context) {
        Backend backend = context.backend();
        return new Running(name(), "no proxy (backend itself; CPU and RSS are the backend's)", backend.base(),
                backend.base(), backend.process().handle(), true, null);
    }
}
