package dev.infergate.bench.load;

import io.netty.buffer.ByteBuf;

/**
 * Counts server-sent events in a stream of chunks: an event ends at a blank line ({@code \n\n}),
 * which may straddle two chunks. Several events in one chunk mean they were coalesced on the way.
 * Not thread-safe: one scanner per stream.
 */
public final class EventScanner {

    private boolean afterNewline;

    /** Returns how many events the chunk completes; it reads the chunk without consuming it. */
    public int accept(ByteBuf chunk) {
        int events = 0;
        for (int i = chunk.readerIndex(); i < chunk.writerIndex(); i++) {
            byte b = chunk.getByte(i);
            if (b == '\n') {
                if (afterNewline) {
                    events++;
                    afterNewline = false;
                } else {
                    afterNewline = true;
                }
            } else if (b != '\r') {
                afterNewline = false;
            }
        }
        return events;
    }
}
