package dev.infergate.bench.routing;

import dev.infergate.sim.model.FleetDefinition;
import dev.infergate.sim.model.GenerationRequest;
import dev.infergate.sim.model.Prompt;
import dev.infergate.sim.model.SequenceListener;
import dev.infergate.sim.model.ServerModel;
import dev.infergate.sim.model.ServerSpec;
import dev.infergate.sim.model.Submission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The request rate at which a fleet saturates under a workload, measured on the simulator's own
 * queueing model on virtual time (the same {@link ServerModel} the live servers run, so nothing is
 * approximated): each server alone is given a backlog of {@code backlog} requests of the workload at
 * time 0, and its capacity is the rate at which it completes them in the middle of the run (from
 * the 20th to the 80th percentile of completions, away from the ramp-up and the tail of the drain).
 * The fleet's capacity is the sum over its servers: what a perfect dispatcher could sustain.
 *
 * <p>Every server is given the same request sequence, so with shared prefixes the prefix cache
 * sees every group in the workload's proportions: the capacity is the one without prefix locality,
 * which is what routing that ignores prompts gets. Routing that keeps a prefix on one server can
 * exceed it; the goodput search shows by how much.
 */
public final class FleetCapacity {

    /** Default backlog per server: thousands of steps, so the middle of the run is steady. */
    public static final int BACKLOG = 1200;

    private FleetCapacity() {
    }

    /**
     * @param perServer requests per second each server sustains, in the fleet's order
     * @param names the servers' names
     */
    public record Estimate(List<String> names, List<Double> perServer) {

        public double total() {
            return perServer.stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    public static Estimate of(FleetDefinition fleet, Workload workload, int backlog) {
        List<Prompt> prompts = new ArrayList<>(backlog);
        List<Integer> outputs = new ArrayList<>(backlog);
        for (int i = 0; i < backlog; i++) {
            ChatPrompt request = workload.request(i, 0);
            prompts.add(Prompt.ofText(request.promptText()));
            outputs.add(request.maxTokens());
        }
        List<Double> perServer = new ArrayList<>();
        for (ServerSpec spec : fleet.servers()) {
            perServer.add(saturatedRate(spec, prompts, outputs));
        }
        return new Estimate(fleet.servers().stream().map(ServerSpec::name).toList(), List.copyOf(perServer));
    }

    /** Completions per second of one server working through a backlog submitted at once. */
    static double saturatedRate(ServerSpec spec, List<Prompt> prompts, List<Integer> outputs) {
        ServerModel model = ServerModel.create(spec);
        long[] completions = new long[prompts.size()];
        int[] completed = {0};
        SequenceListener listener = new SequenceListener() {
            @Override
            public void onToken(int index, long atNanos) {
            }

            @Override
            public void onComplete(long atNanos) {
                completions[completed[0]++] = atNanos;
            }
        };
        int accepted = 0;
        for (int i = 0; i < prompts.size(); i++) {
            Submission submission = model.submit(new GenerationRequest(prompts.get(i), outputs.get(i)), listener);
            if (submission instanceof Submission.Accepted) {
                accepted++;
            }
        }
        if (accepted < 10) {
            throw new IllegalArgumentException("server " + spec.name() + " cannot hold the workload's requests ("
                    + accepted + " of " + prompts.size() + " fit its KV cache)");
        }
        for (OptionalLong next = model.nextEventNanos(); next.isPresent(); next = model.nextEventNanos()) {
            model.advanceTo(next.getAsLong());
        }
        long[] done = Arrays.copyOf(completions, completed[0]);
        int from = done.length / 5;
        int to = done.length * 4 / 5;
        return (to - from) / ((done[to] - done[from]) / 1e9);
    }
}
