package ai.adoption.contracts;

/**
 * The enumerations the payloads use, by their exact wire names (docs/events.md, "Enumerations").
 * A reader binds a value only when it is one of these names, case and all.
 */
public final class Vocabulary {

    private Vocabulary() {
    }

    /** An idea's or a tool approval's data classification, in rising sensitivity. */
    public enum DataClassification { PUBLIC, INTERNAL, CONFIDENTIAL, PERSONAL }

    public enum BenefitCategory { EFFICIENCY, WORK_LIFE_BALANCE, SUPPORT_TOOL, INNOVATION }

    public enum RejectionReason {
        QUALITY_INSUFFICIENT, UNRELIABLE_OUTPUT, CANNOT_HANDLE_CONTEXT, DATA_PROTECTION, TOOL_NOT_APPROVED, MISSING_SKILLS,
        COST, NOT_A_PRIORITY, OTHER
    }

    public enum LearningCategory { WORKED, DID_NOT_WORK, HARD, SURPRISINGLY_EASY, TOOL_PRO, TOOL_CON }

    public enum Outcome { SUCCEEDED, FAILED, INCONCLUSIVE }

    public enum Recommendation { SCALE, REVISIT, STOP }

    public enum FindingKind { TOOL_NOT_APPROVED, TOOL_APPROVAL_EXPIRED, DATA_CLASS_NOT_ALLOWED }

    /** Where a revisit case came from. */
    public enum CaseSource { REJECTION, EXPERIMENT }

    /** Whose interval a revisit cycle waits: the case's own, its department's or the global default. */
    public enum IntervalSource { CASE, DEPARTMENT, GLOBAL }

    public enum Lifecycle { PILOT, SCALING, PRODUCTION, RETIRED }

    public enum SystemOrigin { EXPERIMENT, MANUAL }

    /** AI Act, Article 3. */
    public enum AiActRole { DEPLOYER, PROVIDER, DISTRIBUTOR, IMPORTER }

    public enum RiskTier { PROHIBITED, HIGH, LIMITED, MINIMAL }

    /** AI Act, Annex III. */
    public enum AnnexIIIArea {
        BIOMETRICS, CRITICAL_INFRASTRUCTURE, EDUCATION, EMPLOYMENT, ESSENTIAL_SERVICES, LAW_ENFORCEMENT,
        MIGRATION_ASYLUM_BORDER, JUSTICE_AND_DEMOCRACY
    }

    /** AI Act, Article 50. */
    public enum TransparencyDuty {
        INTERACTS_WITH_PEOPLE, SYNTHETIC_CONTENT, EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION, DEEP_FAKE,
        PUBLIC_INTEREST_TEXT
    }

    /** AI Act, Article 27. */
    public enum FriaStatus { NOT_REQUIRED, REQUIRED, IN_PROGRESS, COMPLETED }
}
