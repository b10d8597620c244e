package dev.infergate.bench.contender;

import java.net.URI;
import java.util.Map;

/**
 * A contender of the routing-quality sets: a balancer in front of the simulated fleet, reached at
 * {@code base} with {@code headers} (Infergate's four strategies share one process and are told
 * apart by a header that selects the route).
 *
 * @param name the name in tables, e.g. {@code infergate-capacity}, {@code nginx-least-conn}
 * @param ours true for Infergate's rows, false for the peers (nginx, HAProxy) they are compared with
 * @param balancing how it picks a server, for the table
 * @param base scheme, host and port
 * @param headers request headers every request carries
 * @param process the process whose CPU it uses (shared by the Infergate rows)
 */
public record RoutingTarget(String name, boolean ours, String balancing, URI base, Map<String, String> headers,
        ProcessHandle process) {
}
