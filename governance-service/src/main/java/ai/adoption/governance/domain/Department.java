package ai.adoption.governance.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A department's latest definition, folded from its events, with every director's term on the
 * effective timeline: a definition takes effect on its date, so the director in office on a date is
 * the one of the latest definition effective on or before it (recording order breaks ties).
 */
public record Department(String id, String name, String director, List<String> managers, List<String> ambassadors,
                         List<DirectorTerm> directors) {

    public static final Department NONE = new Department(null, null, null, List.of(), List.of(), List.of());

    public record DirectorTerm(LocalDate effectiveFrom, String director, int order) {
    }

    public boolean exists() {
        return id != null;
    }

    /** The director in office on {@code date}, or null when no definition of the department is effective yet. */
    public String directorOn(LocalDate date) {
        return directors.stream().filter(t -> !t.effectiveFrom().isAfter(date))
                .max(Comparator.comparing(DirectorTerm::effectiveFrom).thenComparingInt(DirectorTerm::order))
                .map(DirectorTerm::director).orElse(null);
    }

    Department defined(String departmentId, String newName, String newDirector, List<String> newManagers, List<String> newAmbassadors,
                       LocalDate effectiveFrom) {
        List<DirectorTerm> terms = new ArrayList<>(directors);
        terms.add(new DirectorTerm(effectiveFrom, newDirector, directors.size()));
        return new Department(departmentId, newName, newDirector, newManagers, newAmbassadors, List.copyOf(terms));
    }
}
