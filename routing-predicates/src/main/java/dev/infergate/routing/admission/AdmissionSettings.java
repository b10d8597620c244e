package dev.infergate.routing.admission;

/** The live tenants and limits, read by the admission filter on every request. */
public record AdmissionSettings(TenantDirectory tenants, LimitCatalog limits) {

    public static AdmissionSettings empty() {
        return new AdmissionSettings(TenantDirectory.empty(), LimitCatalog.empty());
    }
}
