package ai.adoption.governance.domain;

/** What recorded an ownership assertion. */
public enum OwnershipKind {
    REGISTRATION, TRANSFER, CORRECTION
}
