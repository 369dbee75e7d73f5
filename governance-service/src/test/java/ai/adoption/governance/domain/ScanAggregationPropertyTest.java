package ai.adoption.governance.domain;

import ai.adoption.testinfra.SeededProperty;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AI-scan's aggregation (median, range, gap) against a small model that counts answers per level instead of sorting them:
 * the median is the level at rank (n+1)/2 of the cumulative counts (the mean of ranks n/2 and n/2+1 when n is even), the
 * range runs from the first to the last level with a count, the gap is target - median. Plain JUnit, no Quarkus: each try
 * draws its answers from its own seed (see {@link SeededProperty}); a failure prints the seed, the answers and the answers
 * shrunk. {@code -Dscan.property.seed=N} replays one try of each property, {@code -Dscan.property.tries=N} sets how many
 * run (default 500, 200 and 300).
 */
class ScanAggregationPropertyTest {

    private static final String NAME = "scan.property";
    private static final int SHRINK_BUDGET = 100_000; // checks take microseconds; a shrink runs only on a failure

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

    /** The answers of one dimension (0 to 40 levels) and the department's target for it (null one time in five). */
    record OneDimension(List<Integer> levels, Integer target) {

        static OneDimension generate(Random random) {
            return new OneDimension(randomLevels(random, random.nextInt(41)), random.nextInt(5) == 0 ? null : level(random));
        }

        List<OneDimension> smaller() {
            return SeededProperty.smallerLists(levels, ScanAggregationPropertyTest::lower).stream()
                    .map(l -> new OneDimension(l, target)).toList();
        }
    }

    /** The answers of one dimension and the seed of their shuffle. */
    record Shuffled(List<Integer> levels, long shuffle) {

        static Shuffled generate(Random random) {
            return new Shuffled(randomLevels(random, random.nextInt(41)), random.nextLong());
        }

        List<Shuffled> smaller() {
            return SeededProperty.smallerLists(levels, ScanAggregationPropertyTest::lower).stream()
                    .map(l -> new Shuffled(l, shuffle)).toList();
        }
    }

    /** Whole answers (0 to 25, four levels each, in dimension order) and the four targets (each null three times in ten). */
    record WholeAnswers(List<List<Integer>> answers, List<Integer> targets) {

        static WholeAnswers generate(Random random) {
            List<List<Integer>> answers = IntStream.range(0, random.nextInt(26)).mapToObj(i -> randomLevels(random, 4)).toList();
            List<Integer> targets = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                targets.add(random.nextInt(10) < 3 ? null : level(random));
            }
            return new WholeAnswers(answers, targets);
        }

        List<WholeAnswers> smaller() {
            return SeededProperty.smallerLists(answers, WholeAnswers::lowerOne).stream()
                    .map(a -> new WholeAnswers(a, targets)).toList();
        }

        /** One answer with one of its levels lowered (its length stays four). */
        private static List<List<Integer>> lowerOne(List<Integer> answer) {
            List<List<Integer>> lowered = new ArrayList<>();
            for (int i = 0; i < answer.size(); i++) {
                for (Integer lower : lower(answer.get(i))) {
                    List<Integer> copy = new ArrayList<>(answer);
                    copy.set(i, lower);
                    lowered.add(copy);
                }
            }
            return lowered;
        }
    }

    @Test
    void oneDimensionAgreesWithTheModel() {
        new SeededProperty(NAME, 500, SHRINK_BUDGET).forAll(OneDimension::generate, OneDimension::smaller, c -> {
            ScanResult result = ScanResult.of(ScanDimension.DATA, c.levels(), c.target());
            Model model = Model.of(c.levels());
            assertThat(result.answers()).isEqualTo(model.n());
            assertThat(result.median()).as("median").isEqualTo(model.median());
            assertThat(result.min()).as("min").isEqualTo(model.min());
            assertThat(result.max()).as("max").isEqualTo(model.max());
            assertThat(result.range()).as("range").isEqualTo(model.n() == 0 ? null : model.max() - model.min());
            assertThat(result.target()).isEqualTo(c.target());
            assertThat(result.gap()).as("gap").isEqualTo(c.target() == null || model.n() == 0 ? null : c.target() - model.median());
            assertThat(result.belowTarget()).isEqualTo(result.gap() != null && result.gap() > 0);
            if (model.n() > 0) {
                assertThat(result.median()).isBetween((double) model.min(), (double) model.max());
                assertThat(result.median() * 2).as("a level or halfway between two").isEqualTo(Math.rint(result.median() * 2));
            }
        });
    }

    @Test
    void theOrderOfTheAnswersDoesNotMatter() {
        new SeededProperty(NAME, 200, SHRINK_BUDGET).forAll(Shuffled::generate, Shuffled::smaller, c -> {
            List<Integer> shuffled = new ArrayList<>(c.levels());
            Collections.shuffle(shuffled, new Random(c.shuffle()));
            assertThat(ScanResult.of(ScanDimension.AI_LITERACY, shuffled, 3))
                    .isEqualTo(ScanResult.of(ScanDimension.AI_LITERACY, c.levels(), 3));
        });
    }

    /** Whole answers (four levels each) aggregate per dimension, each as the model says, with that dimension's target. */
    @Test
    void everyDimensionOfWholeAnswersAgreesWithTheModel() {
        ScanDimension[] dimensions = ScanDimension.values();
        assertThat(dimensions).hasSize(4);
        new SeededProperty(NAME, 300, SHRINK_BUDGET).forAll(WholeAnswers::generate, WholeAnswers::smaller, c -> {
            List<List<ScanLevel>> whole = c.answers().stream().map(a -> IntStream.range(0, dimensions.length)
                    .mapToObj(i -> new ScanLevel(dimensions[i], a.get(i))).toList()).toList();
            List<ScanLevel> targetList = new ArrayList<>();
            for (int i = 0; i < dimensions.length; i++) {
                if (c.targets().get(i) != null) {
                    targetList.add(new ScanLevel(dimensions[i], c.targets().get(i)));
                }
            }
            List<ScanResult> results = ScanResult.of(whole, new ScanTargets("d", targetList));
            assertThat(results).extracting(ScanResult::dimension).containsExactly(dimensions);
            for (int i = 0; i < dimensions.length; i++) {
                int d = i;
                Model model = Model.of(c.answers().stream().map(a -> a.get(d)).toList());
                ScanResult r = results.get(i);
                Integer target = c.targets().get(i);
                assertThat(r.answers()).isEqualTo(c.answers().size());
                assertThat(r.median()).as(dimensions[i] + " median").isEqualTo(model.median());
                assertThat(r.range()).as(dimensions[i] + " range").isEqualTo(model.n() == 0 ? null : model.max() - model.min());
                assertThat(r.gap()).as(dimensions[i] + " gap").isEqualTo(target == null || model.n() == 0 ? null : target - model.median());
            }
        });
    }

    private static int level(Random random) {
        return 1 + random.nextInt(5);
    }

    private static List<Integer> randomLevels(Random random, int size) {
        return IntStream.range(0, size).mapToObj(i -> level(random)).toList();
    }

    /** A level shrinks toward 1: to 1, then one lower. */
    private static List<Integer> lower(Integer level) {
        return level == 1 ? List.of() : level == 2 ? List.of(1) : List.of(1, level - 1);
    }

}
