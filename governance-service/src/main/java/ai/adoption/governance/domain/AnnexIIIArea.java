package ai.adoption.governance.domain;

/** The Annex III area that makes a system high-risk (points 1 to 8). */
public enum AnnexIIIArea {
    BIOMETRICS, CRITICAL_INFRASTRUCTURE, EDUCATION, EMPLOYMENT, ESSENTIAL_SERVICES, LAW_ENFORCEMENT, MIGRATION_ASYLUM_BORDER, JUSTICE_AND_DEMOCRACY
}
