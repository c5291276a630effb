package nl.clanq.bench.load;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Response times per step and request, as Gatling measured them, kept in HdrHistograms so the
 * summary can state throughput, percentiles and errors of every step (Gatling 3.10+ writes its
 * statistics only into the HTML report).
 */
final class Results {

    /** What one step's request did: its count, errors, time window and percentiles in ms. */
    record Series(
            String step,
            String request,
            long ok,
            long ko,
            long firstAt,
            long lastAt,
            long p50,
            long p95,
            long p99,
            long max,
            double mean) {

        long count() {
            return ok + ko;
        }

        /** Requests per second over the time the step's requests completed in. */
        double perSecond() {
            double seconds = Math.max(1, lastAt - firstAt) / 1000.0;
            return count() / seconds;
        }
    }

    private static final class Recording {
        final Histogram times = new ConcurrentHistogram(3_600_000L, 3);
        final AtomicLong ok = new AtomicLong();
        final AtomicLong ko = new AtomicLong();
        final AtomicLong firstAt = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastAt = new AtomicLong();
        final long order;

        Recording(long order) {
            this.order = order;
        }
    }

    /** The name that sums up all requests of a step (the mixed load and the ramp's rates). */
    static final String ALL = "all requests";

    private final Map<String, Recording> recordings = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();

    void record(String step, String request, long millis, boolean failed, long now) {
        add(step + "\u0000" + request, millis, failed, now);
        add(step + "\u0000" + ALL, millis, failed, now);
    }

    private void add(String key, long millis, boolean failed, long now) {
        Recording r = recordings.computeIfAbsent(key, k -> new Recording(order.getAndIncrement()));
        if (millis >= 0) {
            r.times.recordValue(Math.min(millis, r.times.getHighestTrackableValue()));
        }
        (failed ? r.ko : r.ok).incrementAndGet();
        r.firstAt.accumulateAndGet(now, Math::min);
        r.lastAt.accumulateAndGet(now, Math::max);
    }

    /** Every step's requests in the order they first completed, each step's sum last. */
    List<Series> series() {
        return recordings.entrySet().stream()
                .sorted(Comparator.comparingLong(e -> e.getValue().order))
                .map(e -> {
                    String[] parts = e.getKey().split("\u0000", 2);
                    Recording r = e.getValue();
                    Histogram h = r.times;
                    return new Series(
                            parts[0],
                            parts[1],
                            r.ok.get(),
                            r.ko.get(),
                            r.firstAt.get(),
                            r.lastAt.get(),
                            h.getValueAtPercentile(50),
                            h.getValueAtPercentile(95),
                            h.getValueAtPercentile(99),
                            h.getMaxValue(),
                            h.getMean());
                })
                .toList();
    }
}
