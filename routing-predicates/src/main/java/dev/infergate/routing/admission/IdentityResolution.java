package dev.infergate.routing.admission;

/** What identity resolution found: an identity, no credential at all, or a credential nobody knows. */
public sealed interface IdentityResolution {

    record Identified(ClientIdentity identity) implements IdentityResolution {
    }

    record Missing() implements IdentityResolution {
    }

    record Unknown() implements IdentityResolution {
    }
}
