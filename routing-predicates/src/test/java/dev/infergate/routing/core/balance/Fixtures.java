package dev.infergate.routing.core.balance;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** Candidates on fixed signals. */
final class Fixtures {

    private Fixtures() {
    }

    static Candidate idle(String endpoint) {
        return inFlight(endpoint, 0);
    }

    static Candidate inFlight(String endpoint, int inFlight) {
        return Candidate.of(LoadSnapshot.local(endpoint, LocalLoad.inFlight(inFlight)));
    }

    static Candidate inZone(String endpoint, String zone, int inFlight) {
        return new Candidate(endpoint, zone, OptionalInt.empty(), LoadSnapshot.local(endpoint, LocalLoad.inFlight(inFlight)));
    }

    static Candidate measured(String endpoint, int inFlight, double firstByteMillis, double errorRate) {
        LocalLoad local = new LocalLoad(inFlight, OptionalDouble.empty(), OptionalDouble.of(firstByteMillis), errorRate);
        return Candidate.of(LoadSnapshot.local(endpoint, local));
    }

    static Candidate reporting(String endpoint, int capacity, int inFlight, BackendLoad backend) {
        LoadSnapshot load = new LoadSnapshot(endpoint, LocalLoad.inFlight(inFlight),
                Optional.of(new BackendSignal(backend, BackendSignal.Source.SCRAPE, Duration.ofMillis(200))));
        return new Candidate(endpoint, Candidate.DEFAULT_ZONE, OptionalInt.of(capacity), load);
    }

    static Candidate reportingInZone(String endpoint, String zone, int capacity, int inFlight, BackendLoad backend) {
        Candidate candidate = reporting(endpoint, capacity, inFlight, backend);
        return new Candidate(endpoint, zone, candidate.capacity(), candidate.load());
    }

    static Candidate candidate(String endpoint, int capacity, LocalLoad local, BackendLoad backend) {
        LoadSnapshot load = new LoadSnapshot(endpoint, local,
                Optional.of(new BackendSignal(backend, BackendSignal.Source.SCRAPE, Duration.ofMillis(200))));
        return new Candidate(endpoint, Candidate.DEFAULT_ZONE, OptionalInt.of(capacity), load);
    }

    static Candidate withCapacity(String endpoint, int capacity, int inFlight) {
        return new Candidate(endpoint, Candidate.DEFAULT_ZONE, OptionalInt.of(capacity),
                LoadSnapshot.local(endpoint, LocalLoad.inFlight(inFlight)));
    }

    static LocalLoad local(int inFlight, double firstByteMillis, double errorRate) {
        return new LocalLoad(inFlight, OptionalDouble.empty(), OptionalDouble.of(firstByteMillis), errorRate);
    }
}
