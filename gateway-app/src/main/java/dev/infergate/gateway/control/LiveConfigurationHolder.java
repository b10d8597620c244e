package dev.infergate.gateway.control;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The configuration the data plane serves now. Readers take a consistent snapshot with
 * {@link #current()}; a replacement is published as {@link LiveConfigurationChanged} so that
 * routes and pools refresh from it.
 */
public final class LiveConfigurationHolder {

    private final AtomicReference<LiveConfiguration> current;
    private final ApplicationEventPublisher events;

    public LiveConfigurationHolder(LiveConfiguration initial, ApplicationEventPublisher events) {
        this.current = new AtomicReference<>(initial);
        this.events = events;
    }

    public LiveConfiguration current() {
        return current.get();
    }

    public void replace(LiveConfiguration next) {
        current.set(next);
        events.publishEvent(new LiveConfigurationChanged(next));
    }
}
