package ai.adoption.governance.domain;

/** The AI Act risk tier of a system. */
public enum RiskTier {
    PROHIBITED, HIGH, LIMITED, MINIMAL
}
