package ai.adoption.experiments.domain.prompt;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

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
 */
class PillRotationProperties {

    @Property(tries = 300)
    void deterministicNoRepeatWithinTheWindowAndEveryEntryServed(@ForAll @IntRange(min = 1, max = 15) int initial,
                                                                 @ForAll @IntRange(min = 0, max = 10) int added,
                                                                 @ForAll @IntRange(min = 1, max = 40) int window,
                                                                 @ForAll @StringLength(min = 1, max = 20) String department,
                                                                 @ForAll long seed) {
        Random random = new Random(seed);
        List<UUID> catalogue = new ArrayList<>();
        for (int i = 0; i < initial; i++) {
            catalogue.add(new UUID(random.nextLong(), random.nextLong()));
        }
        Map<UUID, LocalDate> lastServed = new HashMap<>();
        LocalDate day = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(3000));
        int growthDays = 60;
        for (int d = 0; d < growthDays; d++, day = day.plusDays(1)) {
            if (added > 0 && random.nextInt(6) == 0) {
                catalogue.add(new UUID(random.nextLong(), random.nextLong()));
                added--;
            }
            serveAndCheck(department, day, catalogue, lastServed, window, random);
        }
        // the catalogue stops changing: the next n days serve every entry once
        Set<UUID> served = new HashSet<>();
        for (int d = 0; d < catalogue.size(); d++, day = day.plusDays(1)) {
            served.add(serveAndCheck(department, day, catalogue, lastServed, window, random));
        }
        assertThat(served).containsExactlyInAnyOrderElementsOf(catalogue);
    }

    private static UUID serveAndCheck(String department, LocalDate day, List<UUID> catalogue, Map<UUID, LocalDate> lastServed,
                                      int window, Random random) {
        Optional<UUID> pick = PillRotation.choose(department, day, catalogue, lastServed, window);
        List<UUID> shuffled = new ArrayList<>(catalogue);
        Collections.shuffle(shuffled, random);
        assertThat(PillRotation.choose(department, day, shuffled, Map.copyOf(lastServed), window)).as("deterministic").isEqualTo(pick);
        assertThat(pick).isPresent();
        UUID chosen = pick.get();
        LocalDate windowStart = day.minusDays(window);
        boolean repeat = lastServed.containsKey(chosen) && lastServed.get(chosen).isAfter(windowStart);
        if (repeat) {
            assertThat(catalogue).as("a repeat within the window only when every entry was served within it")
                    .allMatch(id -> lastServed.containsKey(id) && lastServed.get(id).isAfter(windowStart));
        }
        lastServed.put(chosen, day);
        return chosen;
    }

    @Example
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

    @Example
    void nothingServableIsNoPill() {
        assertThat(PillRotation.choose("finance", LocalDate.of(2026, 12, 1), List.of(), Map.of(), 30)).isEmpty();
    }
}
