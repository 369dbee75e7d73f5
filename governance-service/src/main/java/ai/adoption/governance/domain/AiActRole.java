package ai.adoption.governance.domain;

/** The organisation's role for an AI system under the AI Act (Article 3). */
public enum AiActRole {
    DEPLOYER, PROVIDER, DISTRIBUTOR, IMPORTER
}
