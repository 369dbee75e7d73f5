package ai.adoption.revisit.domain;

/** A department's revisit policy, folded from its events: its own interval, or none (the global default applies). */
public record DepartmentPolicy(String department, boolean exists, String interval) {

    public static final DepartmentPolicy NONE = new DepartmentPolicy(null, false, null);
}
