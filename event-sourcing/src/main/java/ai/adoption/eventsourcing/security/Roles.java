package ai.adoption.eventsourcing.security;

/** The roles a token may carry in its {@code groups} claim. */
public final class Roles {
    public static final String EMPLOYEE = "employee";
    public static final String APPROVER = "approver";
    public static final String AMBASSADOR = "ambassador";
    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    public static final String ADMIN = "admin";

    /** The claim naming the department the token's holder belongs to. */
    public static final String DEPARTMENT_CLAIM = "department";

    private Roles() {
    }
}
