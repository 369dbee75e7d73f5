package ai.adoption.testinfra;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The helper itself: a failure names its seed and is shrunk; the seed replays that one try; a true property passes. */
class SeededPropertyTest {

    /** Lists of 5 to 15 numbers from 0 to 99; the property "no list holds a number of 50 or more" fails on most. */
    private static List<Integer> numbers(Random random) {
        List<Integer> list = new ArrayList<>();
        int size = 5 + random.nextInt(11);
        for (int i = 0; i < size; i++) {
            list.add(random.nextInt(100));
        }
        return list;
    }

    private static List<List<Integer>> smaller(List<Integer> list) {
        return SeededProperty.smallerLists(list, n -> n > 50 ? List.of(50, n - 1) : List.of());
    }

    private static void allBelowFifty(List<Integer> list) {
        for (int n : list) {
            if (n >= 50) {
                throw new AssertionError(n + " is not below 50");
            }
        }
    }

    @Test
    void aFailureNamesItsSeedAndIsShrunkToTheSmallestFailingValue() {
        AssertionError failure = assertThrows(AssertionError.class, () ->
                new SeededProperty("seeded.selftest", 50, 1_000).forAll(SeededPropertyTest::numbers,
                        SeededPropertyTest::smaller, SeededPropertyTest::allBelowFifty));
        String message = failure.getMessage();
        assertTrue(message.startsWith("seeded.selftest fails for seed "), message);
        assertTrue(message.contains("(replay: -Dseeded.selftest.seed="), message);
        assertTrue(message.contains("\nshrunk: [50]\nbecause: 50 is not below 50"), message);

        long seed = Long.parseLong(message.substring("seeded.selftest fails for seed ".length(), message.indexOf(' ', 31)));
        List<List<Integer>> replayed = new ArrayList<>();
        System.setProperty("seeded.selftest.seed", Long.toString(seed));
        try {
            AssertionError again = assertThrows(AssertionError.class, () ->
                    new SeededProperty("seeded.selftest", 50, 1_000).forAll(random -> {
                        List<Integer> value = numbers(random);
                        replayed.add(value);
                        return value;
                    }, SeededPropertyTest::smaller, SeededPropertyTest::allBelowFifty));
            assertEquals(message, again.getMessage(), "the seed replays the same value and the same shrinking");
            assertEquals(1, replayed.size(), "a replay runs that one try");
        } finally {
            System.clearProperty("seeded.selftest.seed");
        }
    }

    @Test
    void aPropertyThatHoldsRunsEveryTry() {
        List<Long> sizes = new ArrayList<>();
        new SeededProperty("seeded.selftest.holds", 40, 10).forAll(SeededPropertyTest::numbers,
                SeededPropertyTest::smaller, list -> sizes.add((long) list.size()));
        assertEquals(40, sizes.size());
    }
}
