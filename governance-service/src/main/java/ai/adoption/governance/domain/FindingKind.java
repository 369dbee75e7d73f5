package ai.adoption.governance.domain;

/** Why an idea breaks the approved-tools list. */
public enum FindingKind {
    TOOL_NOT_APPROVED, TOOL_APPROVAL_EXPIRED, DATA_CLASS_NOT_ALLOWED
}
