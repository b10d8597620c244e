package dev.infergate.bench;

import dev.infergate.bench.contender.Contenders;
import dev.infergate.bench.contender.RoutingContenders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The command line of {@code bench/run}: a scenario set and its options. Defaults depend on the
 * set and are chosen so that each set finishes in well under 20 minutes on two cores.
 *
 * @param set {@code proxy}, {@code limits}, {@code streaming}, {@code capacity}, {@code smoke} or one of the routing sets
 * @param root the project root (where {@code gateway-app/} and {@code docs/} are)
 * @param rounds how many times every contender is measured, alternating contenders in each round
 * @param duration one measurement's length
 * @param warmUp how long each contender is loaded before the first round, not recorded
 * @param nativeTransport false runs every JVM contender with {@code -Dreactor.netty.native=false}
 * @param pin pin load generators and systems under test to separate cores
 * @param writeDocs write the results into {@code docs/benchmarks.md} and its plots
 * @param contenders the contenders, by name
 * @param streams concurrent SSE streams of the streaming set
 * @param sseEvents events per stream
 * @param sseIntervalMs milliseconds between two events of a stream at the backend
 * @param levels the numbers of idle streams the capacity set holds
 * @param loads the routing sets' offered loads, in percent of the fleet's capacity
 * @param seed the seed of the routing sets' workload and arrivals
 * @param pidsFile where child pids are appended, for the calling script's cleanup
 * @param command the command line as typed, for the report
 */
public record BenchOptions(String set, Path root, int rounds, Duration duration, Duration warmUp, boolean nativeTransport,
        boolean pin, boolean writeDocs, List<String> contenders, int streams, int sseEvents, int sseIntervalMs,
        List<Integer> levels, List<Integer> loads, long seed, @Nullable Path pidsFile, String command) {

    public static final String ROUTING_LOAD = "routing-load";
    public static final String ROUTING_PREFIX = "routing-prefix";
    public static final String ROUTING_SLOWDOWN = "routing-slowdown";
    public static final Set<String> ROUTING_SETS = Set.of(ROUTING_LOAD, ROUTING_PREFIX, ROUTING_SLOWDOWN);
    public static final Set<String> SETS = Set.of("proxy", "limits", "streaming", "capacity", "smoke", ROUTING_LOAD,
            ROUTING_PREFIX, ROUTING_SLOWDOWN);

    public static final String USAGE = """
            usage: bench/run SET [options]
              SET is one of:
                proxy      throughput (wrk, h2load), CPU per request, RSS, open-loop latency at 50 %% of max
                limits     the proxy measurements on Infergate without and with a rate limit (in memory, in Redis)
                streaming  SSE: time to first event and inter-event gaps through each proxy, 1 000 streams
                capacity   heap, direct memory and RSS per idle SSE stream at 1 000 and 10 000 streams
                smoke      seconds, tiny load, every contender; fails unless every contender answered
                routing-load      routing quality on the simulated fleet at 60/80/95 %% of its capacity, no shared prefixes
                routing-prefix    routing quality with shared system prompts at 80 %%, and each contender's goodput
                routing-slowdown  one server's speed halved mid-run: its share of requests over time, errors
              options:
                --no-native            JVM contenders run with -Dreactor.netty.native=false (NIO)
                --rounds N             rounds of alternating contenders (medians are reported)
                --duration SECONDS     length of one measurement
                --warmup SECONDS       least unrecorded load per contender (more until its CPU per request is steady)
                --contenders a,b,...   among: %s
                                       (routing sets: %s)
                --streams N            concurrent streams (streaming)
                --sse-events N         events per stream (streaming)
                --sse-interval-ms N    milliseconds between events at the backend (streaming)
                --levels N,N           idle streams to hold (capacity)
                --loads P,P            offered loads in percent of the fleet's capacity (routing-load; first one for the others)
                --seed N               seed of the routing sets' requests and arrivals (default 1)
                --no-pin               do not pin load and system under test to separate cores
                --no-docs              print the tables but leave docs/benchmarks.md alone
            """.formatted(String.join(", ", Contenders.names()), String.join(", ", RoutingContenders.names()));

    public static BenchOptions parse(String[] args, Path defaultRoot) {
        if (args.length == 0 || !SETS.contains(args[0])) {
            throw new IllegalArgumentException(args.length == 0 ? "no scenario set given" : "unknown scenario set " + args[0]);
        }
        String set = args[0];
        boolean smoke = set.equals("smoke");
        boolean routing = ROUTING_SETS.contains(set);
        Path root = defaultRoot;
        // The proxy set warms seven contenders (four JVMs until their JIT is idle): two rounds keep it under 20 minutes.
        int rounds = smoke || routing ? 1 : set.equals("proxy") ? 2 : 3;
        Duration duration = Duration.ofSeconds(smoke ? 1 : set.equals(ROUTING_SLOWDOWN) ? 40 : routing ? 15 : 6);
        Duration warmUp = Duration.ofSeconds(smoke ? 1 : 5);
        boolean nativeTransport = true;
        boolean pin = !smoke;
        boolean writeDocs = !smoke;
        List<String> contenders = switch (set) {
            case "streaming" -> List.of(Contenders.DIRECT, Contenders.NGINX, Contenders.HAPROXY, Contenders.INFERGATE);
            case "capacity" -> List.of(Contenders.INFERGATE, Contenders.VANILLA_SCG, Contenders.BARE_RN);
            case "limits" -> List.of(Contenders.DIRECT, Contenders.INFERGATE, Contenders.INFERGATE_LIMIT,
                    Contenders.INFERGATE_LIMIT_REDIS);
            case "proxy" -> Contenders.names().stream()
                    .filter(name -> !name.equals(Contenders.INFERGATE_LIMIT) && !name.equals(Contenders.INFERGATE_LIMIT_REDIS))
                    .toList();
            case ROUTING_LOAD, ROUTING_PREFIX, ROUTING_SLOWDOWN -> RoutingContenders.names();
            default -> Contenders.names();
        };
        int streams = smoke ? 4 : 1000;
        int sseEvents = smoke ? 32 : 256;
        int sseIntervalMs = smoke ? 2 : 50;
        List<Integer> levels = List.of(1000, 10_000);
        List<Integer> loads = switch (set) {
            case ROUTING_LOAD -> List.of(60, 80, 95);
            case ROUTING_SLOWDOWN -> List.of(70);
            default -> List.of(80);
        };
        long seed = 1;
        Path pidsFile = null;
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--no-native" -> nativeTransport = false;
                case "--no-pin" -> pin = false;
                case "--no-docs" -> writeDocs = false;
                case "--rounds" -> rounds = positive(flag, value(args, ++i, flag));
                case "--duration" -> duration = Duration.ofSeconds(positive(flag, value(args, ++i, flag)));
                case "--warmup" -> warmUp = Duration.ofSeconds(positive(flag, value(args, ++i, flag)));
                case "--contenders" -> contenders = Contenders.parse(value(args, ++i, flag));
                case "--streams" -> streams = positive(flag, value(args, ++i, flag));
                case "--sse-events" -> sseEvents = positive(flag, value(args, ++i, flag));
                case "--sse-interval-ms" -> sseIntervalMs = positive(flag, value(args, ++i, flag));
                case "--levels" -> levels = Arrays.stream(value(args, ++i, flag).split(","))
                        .map(level -> positive(flag, level.trim())).toList();
                case "--loads" -> loads = Arrays.stream(value(args, ++i, flag).split(","))
                        .map(load -> positive(flag, load.trim())).toList();
                case "--seed" -> seed = positive(flag, value(args, ++i, flag));
                case "--pids-file" -> pidsFile = Path.of(value(args, ++i, flag));
                case "--root" -> root = Path.of(value(args, ++i, flag));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (routing) {
            RoutingContenders.named(contenders);
        } else {
            Contenders.named(contenders);
        }
        if (smoke) {
            writeDocs = false;
        }
        List<String> typed = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--pids-file") || args[i].equals("--root")) {
                i++;
            } else {
                typed.add(args[i]);
            }
        }
        return new BenchOptions(set, root.toAbsolutePath().normalize(), rounds, duration, warmUp, nativeTransport, pin,
                writeDocs, contenders, streams, sseEvents, sseIntervalMs, levels, loads, seed, pidsFile,
                "bench/run " + String.join(" ", typed));
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    private static int positive(String flag, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the flag's name
        }
        throw new IllegalArgumentException(flag + ": " + text + " (expected: a whole number > 0)");
    }
}
