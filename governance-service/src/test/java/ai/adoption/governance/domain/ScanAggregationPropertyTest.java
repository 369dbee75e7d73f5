package ai.adoption.governance.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AI-scan's aggregation (median, range, gap) against a small model that counts answers per level instead of sorting them:
 * the median is the level at rank (n+1)/2 of the cumulative counts (the mean of ranks n/2 and n/2+1 when n is even), the
 * range runs from the first to the last level with a count, the gap is target - median.
 */
class ScanAggregationPropertyTest {

    /** The model: answers counted per level 1..5. */
    private record Model(int[] counts) {

        static Model of(List<Integer> levels) {
            int[] counts = new int[6];
            levels.forEach(l -> counts[l]++);
            return new Model(counts);
        }

        int n() {
            int n = 0;
            for (int c : counts) {
                n += c;
            }
            return n;
        }

        int atRank(int rank) {
            int cumulative = 0;
            for (int level = 1; level <= 5; level++) {
                cumulative += counts[level];
                if (cumulative >= rank) {
                    return level;
                }
            }
            throw new IllegalStateException("rank " + rank + " beyond " + cumulative);
        }

        Double median() {
            int n = n();
            if (n == 0) {
                return null;
            }
            return n % 2 == 1 ? atRank((n + 1) / 2) : (atRank(n / 2) + atRank(n / 2 + 1)) / 2.0;
        }

        Integer min() {
            for (int level = 1; level <= 5; level++) {
                if (counts[level] > 0) {
                    return level;
                }
            }
            return null;
        }

        Integer max() {
            for (int level = 5; level >= 1; level--) {
                if (counts[level] > 0) {
                    return level;
                }
            }
            return null;
        }
    }

    @Property(tries = 500)
    void oneDimensionAgreesWithTheModel(@ForAll("levels") List<Integer> levels, @ForAll("target") Integer target) {
        ScanResult result = ScanResult.of(ScanDimension.DATA, levels, target);
        Model model = Model.of(levels);
        assertThat(result.answers()).isEqualTo(model.n());
        assertThat(result.median()).isEqualTo(model.median());
        assertThat(result.min()).isEqualTo(model.min());
        assertThat(result.max()).isEqualTo(model.max());
        assertThat(result.range()).isEqualTo(model.n() == 0 ? null : model.max() - model.min());
        assertThat(result.target()).isEqualTo(target);
        assertThat(result.gap()).isEqualTo(target == null || model.n() == 0 ? null : target - model.median());
        assertThat(result.belowTarget()).isEqualTo(result.gap() != null && result.gap() > 0);
        if (model.n() > 0) {
            assertThat(result.median()).isBetween((double) model.min(), (double) model.max());
            assertThat(result.median() * 2).isEqualTo(Math.rint(result.median() * 2)); // a level or halfway between two
        }
    }

    @Property(tries = 200)
    void theOrderOfTheAnswersDoesNotMatter(@ForAll("levels") List<Integer> levels, @ForAll long seed) {
        List<Integer> shuffled = new ArrayList<>(levels);
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(ScanResult.of(ScanDimension.AI_LITERACY, shuffled, 3)).isEqualTo(ScanResult.of(ScanDimension.AI_LITERACY, levels, 3));
    }

    /** Whole answers (four levels each) aggregate per dimension, each as the model says, with that dimension's target. */
    @Property(tries = 300)
    void everyDimensionOfWholeAnswersAgreesWithTheModel(@ForAll @Size(max = 25) List<@Size(value = 4) List<@IntRange(min = 1, max = 5) Integer>> answers,
                                                         @ForAll("targets") List<Integer> targetLevels) {
        ScanDimension[] dimensions = ScanDimension.values();
        List<List<ScanLevel>> whole = answers.stream().map(a -> {
            List<ScanLevel> levels = new ArrayList<>();
            for (int i = 0; i < dimensions.length; i++) {
                levels.add(new ScanLevel(dimensions[i], a.get(i)));
            }
            return (List<ScanLevel>) levels;
        }).toList();
        List<ScanLevel> targetList = new ArrayList<>();
        for (int i = 0; i < dimensions.length; i++) {
            if (targetLevels.get(i) != null) {
                targetList.add(new ScanLevel(dimensions[i], targetLevels.get(i)));
            }
        }
        List<ScanResult> results = ScanResult.of(whole, new ScanTargets("d", targetList));
        assertThat(results).extracting(ScanResult::dimension).containsExactly(dimensions);
        for (int i = 0; i < dimensions.length; i++) {
            int d = i;
            Model model = Model.of(answers.stream().map(a -> a.get(d)).toList());
            ScanResult r = results.get(i);
            assertThat(r.answers()).isEqualTo(answers.size());
            assertThat(r.median()).isEqualTo(model.median());
            assertThat(r.range()).isEqualTo(model.n() == 0 ? null : model.max() - model.min());
            Integer target = targetLevels.get(i);
            assertThat(r.gap()).isEqualTo(target == null || model.n() == 0 ? null : target - model.median());
        }
    }

    @Provide
    Arbitrary<List<Integer>> levels() {
        return Arbitraries.integers().between(1, 5).list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<Integer> target() {
        return Arbitraries.integers().between(1, 5).injectNull(0.2);
    }

    @Provide
    Arbitrary<List<Integer>> targets() {
        return Arbitraries.integers().between(1, 5).injectNull(0.3).list().ofSize(4);
    }
}
