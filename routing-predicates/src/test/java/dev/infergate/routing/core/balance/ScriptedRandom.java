package dev.infergate.routing.core.balance;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.random.RandomGenerator;

/** Randomness that answers {@code nextInt(bound)} from a script, and checks every bound asked. */
final class ScriptedRandom implements RandomGenerator {

    private final Deque<int[]> script = new ArrayDeque<>();

    /** Expects {@code nextInt(bound)} next and answers {@code value}. */
    ScriptedRandom then(int bound, int value) {
        script.add(new int[] {bound, value});
        return this;
    }

    boolean exhausted() {
        return script.isEmpty();
    }

    @Override
    public int nextInt(int bound) {
        int[] step = script.poll();
        if (step == null) {
            throw new AssertionError("unexpected nextInt(" + bound + ")");
        }
        if (step[0] != bound) {
            throw new AssertionError("nextInt(" + bound + ") but the script expected nextInt(" + step[0] + ")");
        }
        return step[1];
    }

    @Override
    public long nextLong() {
        throw new AssertionError("unexpected nextLong()");
    }
}
