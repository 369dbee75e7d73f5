package ai.adoption.governance.domain;

/** How a system came onto the register: from an experiment-service experiment, or registered by hand. */
public enum SystemOrigin {
    EXPERIMENT, MANUAL
}
