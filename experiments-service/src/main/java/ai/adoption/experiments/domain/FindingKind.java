package ai.adoption.experiments.domain;

/**
 * What the governance service found wrong with an idea's tool or data: the tool is not on the
 * approved-tools list, its approval has expired, or the idea's data classification is not one the
 * tool is approved for.
 */
public enum FindingKind {
    TOOL_NOT_APPROVED, TOOL_APPROVAL_EXPIRED, DATA_CLASS_NOT_ALLOWED
}
