package ai.adoption.experiments.domain.prompt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The daily pill's choice, a pure function. Of the entries servable today (approved, not flagged, not
 * deprecated) it takes one never served to the department, or else the one served longest ago; ties go by a
 * hash of the department and the entry id, so departments start the rotation at different places. An entry
 * served within the last {@code window} days is not chosen while any other candidate is left; when the
 * catalogue has no more candidates than the window, every candidate has been served within it and the
 * rotation repeats as a cycle through all of them, the longest-ago first. With an unchanged catalogue of n
 * entries the pill is a round robin of period n, so every entry is served within n days.
 */
public final class PillRotation {

    private PillRotation() {
    }

    /**
     * @param lastServed for each entry ever served to the department before {@code day}, the last day it was
     */
    public static Optional<UUID> choose(String department, LocalDate day, Collection<UUID> candidates,
                                        Map<UUID, LocalDate> lastServed, int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1 day");
        }
        LocalDate windowStart = day.minusDays(window);
        Comparator<UUID> order = Comparator.<UUID, LocalDate>comparing(id -> lastServed.getOrDefault(id, LocalDate.MIN))
                .thenComparingLong(id -> tieBreak(department, id.toString()))
                .thenComparing(UUID::toString);
        Optional<UUID> fresh = candidates.stream()
                .filter(id -> !lastServed.containsKey(id) || !lastServed.get(id).isAfter(windowStart))
                .min(order);
        return fresh.isPresent() ? fresh : candidates.stream().min(order);
    }

    /** A tool feature the department could try today: one of {@code features} (each "tool: feature"), rotating daily. */
    public static Optional<String> feature(String department, LocalDate day, List<String> features) {
        if (features.isEmpty()) {
            return Optional.empty();
        }
        List<String> sorted = features.stream().sorted().toList();
        long start = Math.floorMod(tieBreak(department, "feature"), sorted.size());
        return Optional.of(sorted.get((int) Math.floorMod(start + day.toEpochDay(), (long) sorted.size())));
    }

    static long tieBreak(String department, String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((department + "\u0000" + key).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
