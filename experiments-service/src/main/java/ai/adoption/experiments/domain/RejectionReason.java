package ai.adoption.experiments.domain;

/** Why an idea was rejected; UNRELIABLE_OUTPUT covers hallucinations. */
public enum RejectionReason {
    QUALITY_INSUFFICIENT, UNRELIABLE_OUTPUT, CANNOT_HANDLE_CONTEXT, DATA_PROTECTION, TOOL_NOT_APPROVED, MISSING_SKILLS, COST, NOT_A_PRIORITY, OTHER
}
