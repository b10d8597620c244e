package dev.infergate.bench.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * Each server's share of the requests it received, per time window, from cumulative counters read
 * at known times (the simulator's {@code received} counters), and how fast one server's share fell
 * after an event (its speed halved).
 *
 * <p>The reaction time is measured from the event to the end of the first window in which the
 * server's share is at or below the midpoint between its share before the event and its settled
 * share (its share over the last half of the time after the event). Windows belong to the side of
 * the event their middle is on. When the share did not fall by at least a tenth of itself (the
 * settled share above {@value #FALL} × the share before; smaller moves are within the noise of a few
 * hundred requests), there is no reaction and the time is NaN.
 */
public final class ShareWindows {

    /** The settled share must be at most this fraction of the share before for a fall to count. */
    public static final double FALL = 0.9;

    /**
     * Counters read at one instant.
     *
     * @param seconds the time of the reading, from the start of the run
     * @param received each server's cumulative count
     */
    public record Reading(double seconds, long[] received) {
    }

    /**
     * One window.
     *
     * @param from start, seconds
     * @param to end, seconds
     * @param requests requests received by all servers in the window
     * @param shares each server's fraction of them (NaN when there were none)
     */
    public record Window(double from, double to, long requests, double[] shares) {
    }

    private ShareWindows() {
    }

    /** Windows between consecutive readings taken {@code every} readings apart. */
    public static List<Window> of(List<Reading> readings, int every) {
        List<Window> windows = new ArrayList<>();
        for (int i = every; i < readings.size(); i += every) {
            Reading from = readings.get(i - every);
            Reading to = readings.get(i);
            int servers = to.received().length;
            long[] delta = new long[servers];
            long total = 0;
            for (int s = 0; s < servers; s++) {
                delta[s] = to.received()[s] - from.received()[s];
                total += delta[s];
            }
            double[] shares = new double[servers];
            for (int s = 0; s < servers; s++) {
                shares[s] = total == 0 ? Double.NaN : (double) delta[s] / total;
            }
            windows.add(new Window(from.seconds(), to.seconds(), total, shares));
        }
        return windows;
    }

    /**
     * A server's share of all requests received between two times, over the windows whose middle
     * lies in {@code [from, to)} (readings are taken on a timer, so boundaries are only close to
     * whole seconds).
     */
    public static double share(List<Window> windows, int server, double from, double to) {
        double mine = 0;
        long all = 0;
        for (Window window : windows) {
            double middle = (window.from() + window.to()) / 2;
            if (middle >= from && middle < to) {
                mine += Double.isNaN(window.shares()[server]) ? 0 : window.shares()[server] * window.requests();
                all += window.requests();
            }
        }
        return all == 0 ? Double.NaN : mine / all;
    }

    /**
     * Seconds from {@code eventSeconds} to the end of the first window after it whose share for
     * {@code server} is at or below halfway from the share before to the settled share; NaN when the
     * share did not fall.
     */
    public static double reactionSeconds(List<Window> windows, int server, double eventSeconds) {
        double first = windows.get(0).from();
        double last = windows.get(windows.size() - 1).to();
        double before = share(windows, server, first, eventSeconds);
        double settled = share(windows, server, eventSeconds + (last - eventSeconds) / 2, Double.POSITIVE_INFINITY);
        if (Double.isNaN(before) || Double.isNaN(settled) || !(settled <= before * FALL)) {
            return Double.NaN;
        }
        double midpoint = (before + settled) / 2;
        for (Window window : windows) {
            if ((window.from() + window.to()) / 2 >= eventSeconds && window.shares()[server] <= midpoint) {
                return window.to() - eventSeconds;
            }
        }
        return Double.NaN;
    }
}
