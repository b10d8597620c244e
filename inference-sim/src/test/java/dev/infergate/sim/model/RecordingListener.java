package dev.infergate.sim.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Records the times of a sequence's tokens and completion, checking that indices come in order. */
final class RecordingListener implements SequenceListener {

    final List<Long> tokenTimes = new ArrayList<>();
    long completedAt = -1;

    @Override
    public void onToken(int index, long atNanos) {
        assertThat(index).as("token index").isEqualTo(tokenTimes.size());
        assertThat(completedAt).as("a token after completion").isEqualTo(-1);
        tokenTimes.add(atNanos);
    }

    @Override
    public void onComplete(long atNanos) {
        assertThat(completedAt).as("completed twice").isEqualTo(-1);
        completedAt = atNanos;
    }

    long firstTokenAt() {
        return tokenTimes.get(0);
    }

    long interval(int index) {
        return tokenTimes.get(index) - tokenTimes.get(index - 1);
    }
}
