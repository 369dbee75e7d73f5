package ai.adoption.experiments.domain;

/** How sensitive the data is that an idea would share with the AI tool. */
public enum DataClassification {
    PUBLIC, INTERNAL, CONFIDENTIAL, PERSONAL
}
