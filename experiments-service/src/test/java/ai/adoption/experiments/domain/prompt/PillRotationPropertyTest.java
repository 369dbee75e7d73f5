package ai.adoption.experiments.domain.prompt;

import ai.adoption.testinfra.SeededProperty;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily pill's rotation against a small model: a catalogue that grows on random days and the department's history
 * of picks, one a day. The pick of a day is a function of (department, day, servable entries, history): the same
 * whatever order the entries come in; no entry is picked again within the window while another servable entry was
 * not picked within it; and once the catalogue stops changing, any n consecutive days serve all n entries.
 * Each run is drawn from its own seed ({@link SeededProperty}): {@code -Dpill.property.seed=N} replays one,
 * {@code -Dpill.property.tries=N} sets how many run (default 300).
 */
class PillRotationPropertyTest {

    private static final int GROWTH_DAYS = 60;

    /** One run: the catalogue's first size, how many entries join it on random days, the window, the department. */
    record Run(int initial, int added, int window, String department, long seed) {

        static Run generate(Random random) {
            return new Run(1 + random.nextInt(15), random.nextInt(11), 1 + random.nextInt(40), department(random),
                    random.nextLong());
        }

        /** 1 to 20 characters, mostly letters, sometimes anything of the BMP (the tie-break hashes its UTF-8). */
        private static String department(Random random) {
            StringBuilder name = new StringBuilder();
            int length = 1 + random.nextInt(20);
            for (int i = 0; i < length; i++) {
                name.append(random.nextInt(4) == 0 ? (char) (1 + random.nextInt(0xD7FF)) : (char) ('a' + random.nextInt(26)));
            }
            return name.toString();
        }

        /** Runs one step smaller: a smaller first catalogue, fewer additions, a shorter window or department name. */
        List<Run> smaller() {
            List<Run> candidates = new ArrayList<>();
            if (initial > 1) {
                candidates.add(new Run(1, added, window, department, seed));
                candidates.add(new Run(initial - 1, added, window, department, seed));
            }
            if (added > 0) {
                candidates.add(new Run(initial, 0, window, department, seed));
                candidates.add(new Run(initial, added - 1, window, department, seed));
            }
            if (window > 1) {
                candidates.add(new Run(initial, added, 1, department, seed));
                candidates.add(new Run(initial, added, window / 2, department, seed));
                candidates.add(new Run(initial, added, window - 1, department, seed));
            }
            if (!department.equals("d")) {
                candidates.add(new Run(initial, added, window, "d", seed));
            }
            return candidates;
        }
    }

    @Test
    void deterministicNoRepeatWithinTheWindowAndEveryEntryServed() {
        new SeededProperty("pill.property", 300, 200).forAll(Run::generate, Run::smaller, PillRotationPropertyTest::check);
    }

    private static void check(Run run) {
        Random random = new Random(run.seed());
        List<UUID> catalogue = new ArrayList<>();
        for (int i = 0; i < run.initial(); i++) {
            catalogue.add(new UUID(random.nextLong(), random.nextLong()));
        }
        int added = run.added();
        Map<UUID, LocalDate> lastServed = new HashMap<>();
        LocalDate day = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(3000));
        for (int d = 0; d < GROWTH_DAYS; d++, day = day.plusDays(1)) {
            if (added > 0 && random.nextInt(6) == 0) {
                catalogue.add(new UUID(random.nextLong(), random.nextLong()));
                added--;
            }
            serveAndCheck(run, day, catalogue, lastServed, random);
        }
        // the catalogue stops changing: the next n days serve every entry once
        Set<UUID> served = new HashSet<>();
        for (int d = 0; d < catalogue.size(); d++, day = day.plusDays(1)) {
            served.add(serveAndCheck(run, day, catalogue, lastServed, random));
        }
        assertThat(served).as("the %d days after the catalogue stopped changing", catalogue.size())
                .containsExactlyInAnyOrderElementsOf(catalogue);
    }

    private static UUID serveAndCheck(Run run, LocalDate day, List<UUID> catalogue, Map<UUID, LocalDate> lastServed,
                                      Random random) {
        Optional<UUID> pick = PillRotation.choose(run.department(), day, catalogue, lastServed, run.window());
        List<UUID> shuffled = new ArrayList<>(catalogue);
        Collections.shuffle(shuffled, random);
        assertThat(PillRotation.choose(run.department(), day, shuffled, Map.copyOf(lastServed), run.window()))
                .as("deterministic on %s", day).isEqualTo(pick);
        assertThat(pick).as("a pill on %s", day).isPresent();
        UUID chosen = pick.get();
        LocalDate windowStart = day.minusDays(run.window());
        boolean repeat = lastServed.containsKey(chosen) && lastServed.get(chosen).isAfter(windowStart);
        if (repeat) {
            assertThat(catalogue).as("on %s, a repeat within the window only when every entry was served within it", day)
                    .allMatch(id -> lastServed.containsKey(id) && lastServed.get(id).isAfter(windowStart));
        }
        lastServed.put(chosen, day);
        return chosen;
    }

    @Test
    void aCatalogueSmallerThanTheWindowIsServedAsACycle() {
        List<UUID> three = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        Map<UUID, LocalDate> lastServed = new HashMap<>();
        List<UUID> picks = new ArrayList<>();
        LocalDate day = LocalDate.of(2026, 12, 1);
        for (int d = 0; d < 9; d++, day = day.plusDays(1)) {
            UUID pick = PillRotation.choose("finance", day, three, lastServed, 30).orElseThrow();
            lastServed.put(pick, day);
            picks.add(pick);
        }
        assertThat(new HashSet<>(picks.subList(0, 3))).hasSize(3);
        assertThat(picks.subList(3, 6)).isEqualTo(picks.subList(0, 3));
        assertThat(picks.subList(6, 9)).isEqualTo(picks.subList(0, 3));
    }

    @Test
    void nothingServableIsNoPill() {
        assertThat(PillRotation.choose("finance", LocalDate.of(2026, 12, 1), List.of(), Map.of(), 30)).isEmpty();
    }
}
