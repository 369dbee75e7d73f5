package ai.adoption.benchmark;

import java.util.Arrays;

/**
 * Recorded values (microseconds) kept exactly: a growable long array, sorted once for the
 * percentiles. A few hundred thousand values per run are nothing, so no histogram is needed.
 * Not thread-safe: one instance per writer thread, merged afterwards (or guard it externally).
 */
final class Samples {

    private long[] values = new long[4096];
    private long[] times = new long[4096];
    private int size;

    /** Records a value and the wall-clock time (micros) it belongs to, for {@link #timeline}. */
    void add(long value, long wallMicros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            times = Arrays.copyOf(times, size * 2);
        }
        times[size] = wallMicros;
        values[size++] = value;
    }

    void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i], other.times[i]);
        }
    }

    /** Statistics per second of [fromMicros, toMicros), by the recorded wall-clock time. */
    Stats[] timeline(long fromMicros, long toMicros) {
        int seconds = (int) Math.max(0, (toMicros - fromMicros + 999_999) / 1_000_000);
        Samples[] buckets = new Samples[seconds];
        for (int i = 0; i < seconds; i++) {
            buckets[i] = new Samples();
        }
        for (int i = 0; i < size; i++) {
            long t = times[i];
            if (t >= fromMicros && t < toMicros) {
                buckets[(int) ((t - fromMicros) / 1_000_000)].add(values[i], t);
            }
        }
        Stats[] result = new Stats[seconds];
        for (int i = 0; i < seconds; i++) {
            result[i] = buckets[i].stats();
        }
        return result;
    }

    int size() {
        return size;
    }

    /** Summary statistics; sorts a copy. */
    Stats stats() {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return Stats.EMPTY;
        }
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Stats(sorted.length, sorted[0], percentile(sorted, 50), percentile(sorted, 90),
                percentile(sorted, 95), percentile(sorted, 99), percentile(sorted, 99.9), sorted[sorted.length - 1],
                sum / sorted.length);
    }

    /** Nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** All values in microseconds. */
    record Stats(int count, long min, long p50, long p90, long p95, long p99, long p999, long max, double mean) {
        static final Stats EMPTY = new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0);

        String json() {
            if (count == 0) {
                return "{\"count\":0}";
            }
            return "{\"count\":" + count + ",\"minMs\":" + ms(min) + ",\"meanMs\":" + ms((long) mean)
                    + ",\"p50Ms\":" + ms(p50) + ",\"p90Ms\":" + ms(p90) + ",\"p95Ms\":" + ms(p95)
                    + ",\"p99Ms\":" + ms(p99) + ",\"p999Ms\":" + ms(p999) + ",\"maxMs\":" + ms(max) + "}";
        }

        String human() {
            if (count == 0) {
                return "no samples";
            }
            return String.format(java.util.Locale.ROOT,
                    "p50 %s ms, p95 %s ms, p99 %s ms, max %s ms (mean %s ms, min %s ms, p99.9 %s ms, n=%d)",
                    ms(p50), ms(p95), ms(p99), ms(max), ms((long) mean), ms(min), ms(p999), count);
        }

        static String ms(long micros) {
            return String.format(java.util.Locale.ROOT, "%.2f", micros / 1000.0);
        }
    }
}
