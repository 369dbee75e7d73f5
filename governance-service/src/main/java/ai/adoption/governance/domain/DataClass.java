package ai.adoption.governance.domain;

/** The data classes, in rising sensitivity: a tool allowed for a class is not thereby allowed for a higher one. */
public enum DataClass {
    PUBLIC, INTERNAL, CONFIDENTIAL, PERSONAL
}
