package ai.adoption.experiments.domain;

/** The benefit an idea aims for, as observed in organisations adopting AI. */
public enum BenefitCategory {
    EFFICIENCY, WORK_LIFE_BALANCE, SUPPORT_TOOL, INNOVATION
}
