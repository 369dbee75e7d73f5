package ai.adoption.governance.domain;

/** The fundamental-rights impact assessment (Article 27). */
public enum FriaStatus {
    NOT_REQUIRED, REQUIRED, IN_PROGRESS, COMPLETED
}
