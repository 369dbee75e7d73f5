package ai.adoption.benchmark;

import java.util.Map;
import java.util.TreeMap;

/** Requests that did not succeed, counted by HTTP status or exception, with a few sample bodies. */
final class Outcomes {

    private static final int SAMPLES_PER_KIND = 3;
    private static final int SAMPLE_CHARS = 400;

    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<String, java.util.List<String>> samples = new TreeMap<>();

    synchronized void record(String kind, String detail) {
        counts.merge(kind, 1L, Long::sum);
        java.util.List<String> list = samples.computeIfAbsent(kind, k -> new java.util.ArrayList<>());
        if (list.size() < SAMPLES_PER_KIND && detail != null) {
            list.add(detail.length() > SAMPLE_CHARS ? detail.substring(0, SAMPLE_CHARS) + "..." : detail);
        }
    }

    synchronized void addAll(Outcomes other) {
        synchronized (other) {
            other.counts.forEach((k, v) -> counts.merge(k, v, Long::sum));
            other.samples.forEach((k, list) -> {
                java.util.List<String> mine = samples.computeIfAbsent(k, x -> new java.util.ArrayList<>());
                for (String s : list) {
                    if (mine.size() < SAMPLES_PER_KIND) {
                        mine.add(s);
                    }
                }
            });
        }
    }

    synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized String countsJson() {
        StringBuilder sb = new StringBuilder("{");
        counts.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append(Json.string(k)).append(':').append(v));
        return sb.append('}').toString();
    }

    synchronized String samplesJson() {
        StringBuilder sb = new StringBuilder("{");
        samples.forEach((k, list) -> {
            sb.append(sb.length() > 1 ? "," : "").append(Json.string(k)).append(":[");
            for (int i = 0; i < list.size(); i++) {
                sb.append(i > 0 ? "," : "").append(Json.string(list.get(i)));
            }
            sb.append(']');
        });
        return sb.append('}').toString();
    }

    synchronized String human() {
        if (counts.isEmpty()) {
            return "none";
        }
        StringBuilder sb = new StringBuilder();
        counts.forEach((k, v) -> sb.append(sb.length() > 0 ? ", " : "").append(k).append(": ").append(v));
        samples.forEach((k, list) -> {
            for (String s : list) {
                sb.append("\n      e.g. ").append(k).append(" -> ").append(s.replace('\n', ' '));
            }
        });
        return sb.toString();
    }
}
