package dev.infergate.gateway.limits;

import dev.infergate.gateway.control.LiveConfiguration;
import dev.infergate.gateway.control.LiveConfigurationChanged;
import dev.infergate.gateway.control.LiveConfigurationHolder;
import dev.infergate.routing.admission.AdmissionSettings;
import dev.infergate.routing.admission.LimitCatalog;
import dev.infergate.routing.admission.TenantDirectory;
import java.util.function.Supplier;
import org.springframework.context.event.EventListener;
import tools.jackson.databind.JsonNode;

/**
 * The data plane's view of the {@code tenants} and {@code limits} sections, rebuilt when the live
 * configuration changes (a committed document is already valid), read lock-free per request.
 */
public final class LiveAdmissionSettings implements Supplier<AdmissionSettings> {

    private volatile AdmissionSettings current;

    public LiveAdmissionSettings(LiveConfigurationHolder holder) {
        this.current = of(holder.current());
    }

    @EventListener
    public void onChange(LiveConfigurationChanged changed) {
        current = of(changed.configuration());
    }

    @Override
    public AdmissionSettings get() {
        return current;
    }

    static AdmissionSettings of(LiveConfiguration configuration) {
        JsonNode tenants = configuration.sections().get(TenantsSection.NAME);
        JsonNode limits = configuration.sections().get(LimitsSection.NAME);
        return new AdmissionSettings(
                tenants == null ? TenantDirectory.empty() : TenantsSection.read(tenants, "").value(),
                limits == null ? LimitCatalog.empty() : LimitsSection.read(limits, "").value());
    }
}
