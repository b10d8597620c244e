package dev.infergate.bench.process;

import java.util.ArrayList;
import java.util.List;

/** taskset's and the kernel's list form of cores: {@code 0-2,5} is 0, 1, 2, 5. */
public final class CpuList {

    private CpuList() {
    }

    public static List<Integer> expand(String list) {
        List<Integer> cores = new ArrayList<>();
        for (String part : list.trim().split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] range = part.trim().split("-");
            int from = Integer.parseInt(range[0]);
            int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
            for (int core = from; core <= to; core++) {
                cores.add(core);
            }
        }
        return cores;
    }
}
