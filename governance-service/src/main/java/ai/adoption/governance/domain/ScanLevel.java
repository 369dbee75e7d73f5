package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.RuleViolation;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** One dimension's level, 1 to 5: an answer's or a target's. */
public record ScanLevel(ScanDimension dimension, int level) {

    /** Exactly one level 1–5 for each of the four dimensions, in dimension order; otherwise a rule violation on {@code field}. */
    public static List<ScanLevel> complete(String field, List<ScanLevel> levels) {
        return checked(field, levels, true);
    }

    /** At most one level 1–5 per dimension, at least one, in dimension order. */
    public static List<ScanLevel> some(String field, List<ScanLevel> levels) {
        return checked(field, levels, false);
    }

    private static List<ScanLevel> checked(String field, List<ScanLevel> levels, boolean all) {
        if (levels == null || levels.isEmpty()) {
            throw new RuleViolation(field, "must name a level for " + (all ? "each of the four dimensions" : "at least one dimension"));
        }
        Set<ScanDimension> seen = EnumSet.noneOf(ScanDimension.class);
        for (ScanLevel l : levels) {
            if (l == null || l.dimension() == null) {
                throw new RuleViolation(field, "every entry needs a dimension");
            }
            if (l.level() < ScanDimension.LOWEST || l.level() > ScanDimension.HIGHEST) {
                throw new RuleViolation(field, l.dimension() + ": the level must be 1 to 5");
            }
            if (!seen.add(l.dimension())) {
                throw new RuleViolation(field, l.dimension() + " is given twice");
            }
        }
        if (all && seen.size() != ScanDimension.values().length) {
            Set<ScanDimension> missing = EnumSet.complementOf(EnumSet.copyOf(seen));
            throw new RuleViolation(field, "every dimension needs a level; missing " + missing);
        }
        return levels.stream().sorted(Comparator.comparing(ScanLevel::dimension)).toList();
    }
}
