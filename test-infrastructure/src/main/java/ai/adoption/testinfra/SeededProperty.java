package ai.adoption.testinfra;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Property tests without a property-testing engine: {@link #forAll} checks values drawn each from its own seeded
 * {@link Random}; the first failing value is shrunk and the test fails with its seed, the value, the shrunk value and
 * why the shrunk one fails. {@code -D<name>.seed=N} replays the one try of seed N, {@code -D<name>.tries=N} sets how
 * many run (otherwise {@code defaultTries}, from a random first seed). Plain JDK (it throws {@link AssertionError}),
 * so this module needs no assertion library at compile scope; the tests using it bring their own.
 *
 * @param shrinkBudget at most this many candidates are checked while shrinking
 */
public record SeededProperty(String name, int defaultTries, int shrinkBudget) {

    public <T> void forAll(Function<Random, T> generate, Function<T, List<T>> smaller, Consumer<T> check) {
        Long only = Long.getLong(name + ".seed");
        long first = only != null ? only : new Random().nextLong();
        int tries = only != null ? 1 : Integer.getInteger(name + ".tries", defaultTries);
        for (int i = 0; i < tries; i++) {
            long seed = first + i;
            T value = generate.apply(new Random(seed));
            AssertionError failure = failureOf(check, value);
            if (failure != null) {
                T shrunk = shrink(value, smaller, check);
                AssertionError shrunkFailure = failureOf(check, shrunk);
                throw new AssertionError(name + " fails for seed " + seed + " (replay: -D" + name + ".seed=" + seed
                        + ")\nvalue:  " + value + "\nshrunk: " + shrunk + "\nbecause: "
                        + (shrunkFailure != null ? shrunkFailure.getMessage() : failure.getMessage()), failure);
            }
        }
    }

    /** The failing value made smaller: the first smaller candidate that still fails, again, within the budget. */
    <T> T shrink(T failing, Function<T, List<T>> smaller, Consumer<T> check) {
        T current = failing;
        int budget = shrinkBudget;
        boolean progress = true;
        while (progress && budget > 0) {
            progress = false;
            for (T candidate : smaller.apply(current)) {
                if (budget-- <= 0) {
                    break;
                }
                if (failureOf(check, candidate) != null) {
                    current = candidate;
                    progress = true;
                    break;
                }
            }
        }
        return current;
    }

    /**
     * The lists one step smaller than {@code list}: each with one element dropped, then each with one element made
     * simpler, then each with two neighbours dropped (a failure that needs an even count, say, survives only that).
     */
    public static <E> List<List<E>> smallerLists(List<E> list, Function<E, List<E>> simpler) {
        List<List<E>> candidates = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            List<E> without = new ArrayList<>(list);
            without.remove(i);
            candidates.add(without);
        }
        for (int i = 0; i < list.size(); i++) {
            for (E e : simpler.apply(list.get(i))) {
                List<E> replaced = new ArrayList<>(list);
                replaced.set(i, e);
                candidates.add(replaced);
            }
        }
        for (int i = 0; i + 1 < list.size(); i++) {
            List<E> without = new ArrayList<>(list);
            without.subList(i, i + 2).clear();
            candidates.add(without);
        }
        return candidates;
    }

    private static <T> AssertionError failureOf(Consumer<T> check, T value) {
        try {
            check.accept(value);
            return null;
        } catch (AssertionError failure) {
            return failure;
        }
    }
}
