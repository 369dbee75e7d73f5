package ai.adoption.governance.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one dimension of an AI-scan: the number of answers, their median (the mean of the two middle answers
 * when the count is even, so it may be x.5), and their spread as the range: the lowest and highest answer and
 * {@code max - min}. With a department target, the gap is {@code target - median}: positive below the target, zero or
 * negative at or above it. No answers: median, spread and gap are null.
 */
public record ScanResult(ScanDimension dimension, int answers, Double median, Integer min, Integer max, Integer range,
                         Integer target, Double gap) {

    public static ScanResult of(ScanDimension dimension, Collection<Integer> levels, Integer target) {
        if (levels.isEmpty()) {
            return new ScanResult(dimension, 0, null, null, null, null, target, null);
        }
        List<Integer> sorted = new ArrayList<>(levels);
        sorted.sort(null);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        int min = sorted.get(0);
        int max = sorted.get(n - 1);
        return new ScanResult(dimension, n, median, min, max, max - min, target, target == null ? null : target - median);
    }

    /** Every dimension's result, in dimension order, from each respondent's current levels and the department's targets. */
    public static List<ScanResult> of(Collection<List<ScanLevel>> answers, ScanTargets targets) {
        Map<ScanDimension, List<Integer>> byDimension = new EnumMap<>(ScanDimension.class);
        for (ScanDimension d : ScanDimension.values()) {
            byDimension.put(d, new ArrayList<>());
        }
        for (List<ScanLevel> answer : answers) {
            answer.forEach(l -> byDimension.get(l.dimension()).add(l.level()));
        }
        return byDimension.entrySet().stream().map(e -> of(e.getKey(), e.getValue(), targets.of(e.getKey()))).toList();
    }

    public boolean belowTarget() {
        return gap != null && gap > 0;
    }
}
