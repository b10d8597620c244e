package dev.infergate.routing.admission;

import dev.infergate.routing.core.admission.Usage;
import org.jspecify.annotations.Nullable;

/** Reads token use out of response bytes as they pass, chunk by chunk. */
interface UsageScanner {

    void feed(byte[] bytes, int offset, int length);

    @Nullable Usage usage();

    long completionChunks();
}
