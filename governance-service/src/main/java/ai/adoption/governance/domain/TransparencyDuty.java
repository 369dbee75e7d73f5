package ai.adoption.governance.domain;

/** Article 50 transparency duties: 50(1) interaction, 50(2) synthetic content marking, 50(3) emotion recognition or biometric categorisation, 50(4) deep fakes and texts on matters of public interest. */
public enum TransparencyDuty {
    INTERACTS_WITH_PEOPLE, SYNTHETIC_CONTENT, EMOTION_RECOGNITION_OR_BIOMETRIC_CATEGORISATION, DEEP_FAKE, PUBLIC_INTEREST_TEXT
}
